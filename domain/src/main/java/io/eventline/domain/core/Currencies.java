package io.eventline.domain.core;

/** ISO-4217 currency codes as the contract spells them: three upper-case letters. */
public final class Currencies {

    private Currencies() {
    }

    public static boolean isCode(String currency) {
        return currency != null && currency.length() == 3
                && currency.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }
}
