package io.eventline.service.http;

import java.util.Locale;

/** What a principal may do over HTTP. */
public enum Scope {
    /** Queries, audit trails, read models, sagas, status, metrics, the registry's reads. */
    READ,
    /** Sending commands. */
    WRITE,
    /** Operators' decisions (retry or skip parked records) and registering schemas. */
    ADMIN,
    /** Naming another actor a command is sent for (recorded as onBehalfOf beside the principal). */
    ACT_FOR;

    /** As written in a token table: {@code read}, {@code write}, {@code admin}, {@code act-for}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Scope parse(String label) {
        for (Scope scope : values()) {
            if (scope.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + label + "': read, write, admin or act-for");
    }
}
