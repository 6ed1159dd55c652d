package org.gridmap.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gridmap.support.ProblemException;
import org.gridmap.support.PublicUrl;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /login} with {@code {"username": …, "password": …}} (JSON or a form): a JWT bearer token
 * ({@code access_token}) carrying the user's role and area. Wrong credentials answer 401; too many failures for a user
 * name or from an address answer 429 with Retry-After (see {@link LoginConfig}).
 */
@Controller("/login")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "login")
class LoginController {
    private final LoginService logins;
    private final AccessRefreshTokenGenerator tokens;
    private final PublicUrl publicUrl;

    LoginController(LoginService logins, AccessRefreshTokenGenerator tokens, PublicUrl publicUrl) {
        this.logins = logins;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
    }

    /** A JSON login: exactly these two strings (a key given twice, an array or a number is a 400). */
    record LoginRequest(@Nullable String username, @Nullable String password) {}

    @Operation(summary = "Log in: a JWT bearer token for the API (401 wrong credentials, 429 throttled)")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<AccessRefreshToken> login(@Nullable @Body String json, HttpRequest<?> request) {
        LoginRequest b = org.gridmap.support.StrictJson.read(json, LoginRequest.class);
        return token(b == null ? null : b.username(), b == null ? null : b.password(), request);
    }

    @Operation(summary = "Log in with a form (username, password, each once)")
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.APPLICATION_JSON)
    HttpResponse<AccessRefreshToken> loginForm(@Nullable @Body Map<String, Object> body, HttpRequest<?> request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        return token(text(b, "username"), text(b, "password"), request);
    }

    private HttpResponse<AccessRefreshToken> token(String username, String password, HttpRequest<?> request) {
        LoginRepository.User u = logins.login(username, password, publicUrl.clientAddress(request));
        Authentication auth = Authentication.build(u.username(), List.of(u.role()),
                Map.of(Caller.AREA_CLAIM, u.area(), "name", u.displayName() == null ? u.username() : u.displayName()));
        AccessRefreshToken token = tokens.generate(auth).orElseThrow(() -> new IllegalStateException("no token"));
        return HttpResponse.ok(token);
    }

    private static String text(Map<String, Object> b, String name) {
        Object v = b.get(name);
        if (v instanceof List<?> l) {
            if (l.size() > 1) {
                throw ProblemException.invalidParameter(name, "is given " + l.size() + " times");
            }
            v = l.isEmpty() ? null : l.get(0);
        }
        if (v != null && !(v instanceof String)) {
            throw ProblemException.invalidParameter(name, "must be a string");
        }
        return (String) v;
    }
}
