package io.eventline.service.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens to principals. Two sources, both optional:
 * <ul>
 *   <li>{@code EVENTLINE_HTTP_TOKENS}: a table, one principal a line, {@code <name> <scopes> sha256:<hex>}
 *       (scopes comma-separated from read, write, admin, act-for; {@code #} starts a comment). Only
 *       the SHA-256 of each token is configured, so the table is no secret; give it as a file with
 *       {@code EVENTLINE_HTTP_TOKENS_FILE}.</li>
 *   <li>{@code EVENTLINE_HTTP_TOKEN}: tokens themselves, comma-separated, each the principal
 *       {@value #SHARED_TOKEN_PRINCIPAL} with every scope (one shared secret, as before).</li>
 * </ul>
 * With neither, nothing is required (a service refuses to start so unless told it is on purpose).
 * Tokens are compared by their SHA-256 in constant time, every entry compared.
 */
public final class Authenticator {

    public static final String SHARED_TOKEN_PRINCIPAL = "token";

    private record Entry(Principal principal, byte[] sha256) {}

    private final List<Entry> entries;

    private Authenticator(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Authenticator none() {
        return new Authenticator(List.of());
    }

    /**
     * @throws IllegalArgumentException for a malformed table line (named by its number) or a token
     *                                  setting that names no token
     */
    public static Authenticator of(Optional<String> sharedTokens, Optional<String> tokenTable) {
        List<Entry> entries = new ArrayList<>();
        sharedTokens.filter(t -> !t.isBlank()).ifPresent(tokens -> {
            List<String> each = java.util.Arrays.stream(tokens.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
            if (each.isEmpty()) {
                // "," is a token setting gone wrong: fail closed, never serve unprotected.
                throw new IllegalArgumentException("the bearer token setting names no token: '" + tokens + "'");
            }
            each.forEach(t -> entries.add(new Entry(new Principal(SHARED_TOKEN_PRINCIPAL, EnumSet.allOf(Scope.class)), sha256(t))));
        });
        tokenTable.ifPresent(table -> {
            String[] lines = table.split("\\R|;");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].replaceAll("#.*$", "").trim();
                if (!line.isEmpty()) {
                    entries.add(entry(line, i + 1));
                }
            }
        });
        return new Authenticator(entries);
    }

    private static Entry entry(String line, int number) {
        String[] fields = line.split("\\s+");
        if (fields.length != 3 || !fields[2].startsWith("sha256:")) {
            throw new IllegalArgumentException("token table line " + number + ": expected '<name> <scopes> sha256:<hex>'");
        }
        if (!fields[0].matches("[A-Za-z0-9._:@+-]{1,128}")) {
            throw new IllegalArgumentException("token table line " + number + ": a name is 1 to 128 of A-Z a-z 0-9 . _ : @ + -");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String scope : fields[1].split(",")) {
            try {
                scopes.add(Scope.parse(scope));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("token table line " + number + ": " + e.getMessage());
            }
        }
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(fields[2].substring("sha256:".length()));
        } catch (IllegalArgumentException e) {
            hash = new byte[0];
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException("token table line " + number + ": sha256: takes 64 hex digits");
        }
        return new Entry(new Principal(fields[0], scopes), hash);
    }

    /** Whether any credential is configured: then every route but /health/* needs one. */
    public boolean required() {
        return !entries.isEmpty();
    }

    /** The principal an {@code Authorization} header names, if any entry accepts it. */
    public Optional<Principal> authenticate(Optional<String> authorization) {
        String header = authorization.orElse("");
        if (!header.startsWith("Bearer ")) {
            return Optional.empty();
        }
        byte[] presented = sha256(header.substring("Bearer ".length()).trim());
        Principal found = null;
        for (Entry entry : entries) {
            // Every entry compared, in constant time: timing tells nothing about which one nearly matched.
            if (MessageDigest.isEqual(entry.sha256(), presented) && found == null) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The hash a token table holds for {@code token}: {@code sha256:<hex>}. */
    public static String tableHash(String token) {
        return "sha256:" + HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
