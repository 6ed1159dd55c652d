package org.gridmap.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.gridmap.support.Open311Error;
import org.gridmap.support.ProblemHandler;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.Texts;

import java.util.List;
import java.util.Map;

/**
 * Refuses, before any route runs, what no route can read correctly: a query parameter given twice (which value was
 * meant? routes would silently take the first) and control characters such as NUL in the path or a query value
 * (PostgreSQL cannot store or compare them). Comma lists are the way to give several values.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class RequestGuard implements io.micronaut.core.order.Ordered {
    /** Before the security filter, so that unauthenticated requests are guarded too. */
    @Override
    public int getOrder() {
        return io.micronaut.http.filter.ServerFilterPhase.FIRST.order();
    }


    @RequestFilter
    @Nullable
    MutableHttpResponse<?> guard(HttpRequest<?> request) {
        String path = request.getPath();
        String bad = Texts.problem(path, false);
        if (bad != null) {
            return refuse(request, null, "the path " + bad);
        }
        for (Map.Entry<String, List<String>> e : request.getParameters().asMap().entrySet()) {
            String name = e.getKey();
            String nameProblem = Texts.problem(name, false);
            if (nameProblem != null) {
                return refuse(request, Texts.excerpt(name, 40), "the parameter name " + nameProblem);
            }
            if (e.getValue().size() > 1) {
                return refuse(request, name, "parameter '" + Texts.excerpt(name, 40) + "' is given "
                        + e.getValue().size() + " times; give it once (several values as a comma list)");
            }
            for (String v : e.getValue()) {
                String p = Texts.problem(v, false);
                if (p != null) {
                    return refuse(request, name, "parameter '" + Texts.excerpt(name, 40) + "' " + p);
                }
            }
        }
        return null;
    }

    private static MutableHttpResponse<?> refuse(HttpRequest<?> request, String parameter, String detail) {
        if (Open311Error.applies(request.getPath())) {
            return Open311Error.response(request.getPath(), HttpStatus.BAD_REQUEST, detail);
        }
        Map<String, Object> body = ProblemHandler.body(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_PARAMETER,
                "Invalid parameter", detail, Texts.excerpt(request.getPath(), 200));
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return HttpResponse.badRequest(body).contentType(ProblemHandler.PROBLEM);
    }
}
