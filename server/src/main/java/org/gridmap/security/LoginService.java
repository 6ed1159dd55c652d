package org.gridmap.security;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.Lock;
import org.gridmap.support.LockRepository;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemHandler;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.Texts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a login (DESIGN §8): user name and password against app_user, with throttling per user name and per client
 * address ({@link LoginConfig}). Attempts on one user name are serialised by an advisory lock, so parallel guesses
 * cannot slip past the limit. An unknown user name costs the same password hashing as a known one, so the answer's
 * time does not tell which names exist. Every outcome is audited with the name shortened and its control characters
 * escaped.
 */
@Singleton
public class LoginService {
    static final int MAX_USERNAME = 64;
    static final int MAX_PASSWORD = 1024;
    /** A hash of no one's password: verified against when the user does not exist, to spend the same time. */
    private static final String NO_USER_HASH = PasswordHasher.hash("no such user " + System.nanoTime());

    private final Db db;
    private final LoginRepository repo;
    private final LoginConfig config;
    private final Audit audit;

    LoginService(Db db, LoginRepository repo, LoginConfig config, Audit audit) {
        this.db = db;
        this.repo = repo;
        this.config = config;
        this.audit = audit;
    }

    /**
     * @return the user, when the name and password match and neither the name nor the address is locked
     * @throws ProblemException 400 unusable input, 401 wrong name or password, 429 locked (with Retry-After)
     */
    public LoginRepository.User login(String username, String password, String address) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw ProblemException.invalidParameter(username == null || username.isBlank() ? "username" : "password",
                    "is required");
        }
        Texts.check("username", username, false);
        if (username.length() > MAX_USERNAME) {
            throw ProblemException.invalidParameter("username", "is longer than " + MAX_USERNAME + " characters");
        }
        if (password.length() > MAX_PASSWORD || password.indexOf('\0') >= 0) {
            throw ProblemException.invalidParameter("password", "is longer than " + MAX_PASSWORD
                    + " characters or holds a NUL character");
        }
        String shown = Texts.excerpt(username, MAX_USERNAME);
        String userKey = "user:" + sha256(username.strip().toLowerCase(Locale.ROOT));
        String addressKey = address == null ? null : "addr:" + Texts.excerpt(address, 60);
        List<String> keys = new ArrayList<>(List.of(userKey));
        if (addressKey != null) {
            keys.add(addressKey);
        }
        Outcome outcome = db.tx(c -> {
            LockRepository.forTransaction(c, Lock.LOGIN, userKey);
            var lock = repo.locked(c, keys);
            if (lock.isPresent()) {
                audit.record(c, shown, null, "LOGIN_THROTTLED", "user", shown, null,
                        Map.of("locked_until", lock.get().until().toString()), address);
                return new Outcome(null, lock.get().secondsLeft());
            }
            var user = repo.user(c, username);
            boolean ok = PasswordHasher.verify(password, user.map(LoginRepository.User::passwordHash)
                    .orElse(NO_USER_HASH)) && user.isPresent();
            if (ok) {
                repo.clear(c, userKey);
                LoginRepository.User u = user.get();
                audit.record(c, u.username(), u.role(), "LOGIN", "user", u.username(), u.area(), Map.of(), address);
                return new Outcome(u, null);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            if (username.length() != shown.length()) {
                detail.put("username_length", username.length());
            }
            Long lockedFor = null;
            for (String key : keys) {
                boolean perUser = key.equals(userKey);
                int[] f = repo.failure(c, key, config.window().toSeconds());
                if (f[0] >= (perUser ? config.maxFailuresPerUser() : config.maxFailuresPerAddress())) {
                    var l = repo.lock(c, key, config.lockout().toSeconds(), f[1], config.maxLockout().toSeconds());
                    lockedFor = lockedFor == null ? l.secondsLeft() : Math.max(lockedFor, l.secondsLeft());
                    detail.put(perUser ? "user_locked_until" : "address_locked_until", l.until().toString());
                }
            }
            audit.record(c, shown, null, lockedFor == null ? "LOGIN_FAILED" : "LOGIN_LOCKED", "user", shown, null,
                    detail, address);
            return new Outcome(null, null);
        });
        if (outcome.retryAfter() != null) {
            throw throttled(outcome.retryAfter());
        }
        if (outcome.user() == null) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                    "wrong user name or password");
        }
        return outcome.user();
    }

    private record Outcome(LoginRepository.User user, Long retryAfter) {}

    private static ProblemException throttled(long seconds) {
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.LOGIN_THROTTLED, "Too many failed logins",
                "too many failed logins for this user name or from this address; try again in " + minutes(seconds))
                .with(ProblemHandler.RETRY_AFTER, seconds);
    }

    private static String minutes(long seconds) {
        return seconds < 90 ? seconds + " s" : Math.round(seconds / 60.0) + " min";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)),
                    0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
