package dev.filial.node.imports;

import dev.filial.node.store.Column;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cell text as the JSON values {@link dev.filial.node.entity.JsonValues} takes, accepting what spreadsheets
 * write: an empty cell is null (it clears the field of an updated row); decimals may use a decimal comma and
 * spaces between thousands; dates may be {@code dd.mm.yyyy}; booleans {@code true/false}, {@code yes/no} or
 * {@code 1/0}. Anything else is passed on as text, and the entity's checks refuse it with a field error.
 */
final class Cells {

    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+,\\d+");
    private static final Pattern DOTTED_DATE = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{4}");
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("d.M.uuuu");

    private Cells() {
    }

    static Object value(Column column, String cell) {
        String text = cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        switch (column.type()) {
            case DECIMAL: {
                String number = text.replaceAll("[\\s\u00A0\u202F]", "");
                return DECIMAL_COMMA.matcher(number).matches() ? number.replace(',', '.') : number;
            }
            case DATE:
                if (DOTTED_DATE.matcher(text).matches()) {
                    try {
                        return LocalDate.parse(text, DOTTED).toString();
                    } catch (DateTimeParseException e) {
                        return text;
                    }
                }
                return text;
            case BOOL:
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1":
                        return Boolean.TRUE;
                    case "false", "no", "0":
                        return Boolean.FALSE;
                    default:
                        return text;
                }
            default:
                return text;
        }
    }
}
