package dev.filial.protocol.change;

import java.util.regex.Pattern;

/**
 * The short code of a node ({@code HQ}, {@code MSK}, {@code AG07}): 2 to 16 upper-case letters and
 * digits, starting with a letter. It prefixes human-facing document numbers and names the sender
 * and recipient of every batch.
 */
public record NodeCode(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Z][A-Z0-9]{1,15}");

    public NodeCode {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "node code must be 2-16 upper-case letters or digits starting with a letter: " + value);
        }
    }

    public static NodeCode parse(String text) {
        return new NodeCode(text);
    }

    /** Whether {@code text} is a well-formed node code. */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
