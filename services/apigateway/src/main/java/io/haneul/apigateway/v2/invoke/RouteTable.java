package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API's route selection: a route whose every segment matches beats one with path
 * variables, which beats a greedy {@code {proxy+}} route (the longest greedy prefix first); a route
 * for the request's method beats {@code ANY}; {@code $default} catches what nothing else matches.
 */
final class RouteTable {

    /** The chosen route and the path variables it bound. */
    record Match(JsonNode route, Map<String, String> pathParameters) {
    }

    private final List<JsonNode> routes;

    RouteTable(List<JsonNode> routes) {
        this.routes = routes;
    }

    Optional<Match> match(String method, List<String> segments) {
        List<Candidate> found = new ArrayList<>();
        JsonNode fallback = null;
        for (JsonNode route : routes) {
            String key = route.path("routeKey").asText();
            if (key.equals("$default")) {
                fallback = route;
                continue;
            }
            int space = key.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String routeMethod = key.substring(0, space);
            if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            Candidate c = bind(route, key.substring(space + 1), segments, params, !routeMethod.equals("ANY"));
            if (c != null) {
                found.add(c);
            }
        }
        Optional<Candidate> best = found.stream().min(Comparator.comparing((Candidate c) -> c.greedy)
                .thenComparing(c -> -c.literals).thenComparing(c -> -c.length).thenComparing(c -> !c.exactMethod));
        if (best.isPresent()) {
            return Optional.of(new Match(best.get().route, best.get().params));
        }
        return Optional.ofNullable(fallback).map(r -> new Match(r, Map.of()));
    }

    private record Candidate(JsonNode route, Map<String, String> params, boolean greedy, int literals, int length, boolean exactMethod) {
    }

    private static Candidate bind(JsonNode route, String path, List<String> segments, Map<String, String> params, boolean exactMethod) {
        List<String> pattern = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                pattern.add(s);
            }
        }
        int literals = 0;
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i >= segments.size()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 2), String.join("/", segments.subList(i, segments.size())));
                return new Candidate(route, params, true, literals, pattern.size(), exactMethod);
            }
            if (i >= segments.size()) {
                return null;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), segments.get(i));
            } else if (p.equals(segments.get(i))) {
                literals++;
            } else {
                return null;
            }
        }
        return pattern.size() == segments.size() ? new Candidate(route, params, false, literals, pattern.size(), exactMethod) : null;
    }
}
