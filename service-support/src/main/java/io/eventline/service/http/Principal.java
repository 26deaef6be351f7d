package io.eventline.service.http;

import java.util.Set;

/** Who a request authenticated as, and what it may do. */
public record Principal(String name, Set<Scope> scopes) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
