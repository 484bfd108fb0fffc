package dev.filial.node.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a whole CSV file strictly (RFC 4180), so that a file is either understood completely or refused
 * before anything is done with it. Records end with CRLF, LF or CR; a field is quoted when it holds the
 * delimiter, a quote (doubled) or a line break; a quote anywhere else is an error, as is a row with another
 * number of fields than the header. Empty lines are skipped. Header names are trimmed and must be unique.
 */
public final class CsvReader {

    /** The delimiters a file may use. */
    public static final String DELIMITERS = ",;\t";

    private static final char QUOTE = '"';
    private static final char BOM = '\uFEFF';

    private final CsvLimits limits;

    public CsvReader(CsvLimits limits) {
        this.limits = limits;
    }

    /**
     * The delimiter a user named: {@code ,} {@code ;} a tab character, or the words {@code comma},
     * {@code semicolon}, {@code tab}.
     *
     * @throws CsvException with code {@code delimiter} for anything else
     */
    public static char delimiter(String name) {
        String word = name.toLowerCase(Locale.ROOT);
        switch (word) {
            case ",", "comma":
                return ',';
            case ";", "semicolon":
                return ';';
            case "\t", "tab", "\\t":
                return '\t';
            default:
                throw new CsvException("delimiter", 0, "unknown delimiter '" + name + "'",
                        "use a comma, a semicolon or tab (or leave it out to detect it from the header)");
        }
    }

    /** Reads {@code in} to its end (at most the size limit); {@code delimiter} null detects it. */
    public CsvTable read(InputStream in, Character delimiter) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            return read(bytes, delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the CSV file failed: " + e.getMessage(), e);
        }
    }

    /** Reads a whole file; {@code delimiter} null detects it from the header line. */
    public CsvTable read(byte[] bytes, Character delimiter) {
        if (bytes.length > limits.maxBytes()) {
            throw new CsvException("too-large", 0, "the file is larger than " + limits.maxBytes() + " bytes",
                    "split it into smaller files and import them one after another");
        }
        String text = decode(bytes);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new CsvException("empty", 0, "the file is empty", "the first line names the columns");
        }
        char used = delimiter != null ? delimiter : detect(text);
        if (DELIMITERS.indexOf(used) < 0) {
            throw new CsvException("delimiter", 0, "unknown delimiter '" + used + "'",
                    "use a comma, a semicolon or tab");
        }
        Parser parser = new Parser(text, used);
        List<String> header = parser.next();
        while (header != null && header.isEmpty()) {
            header = parser.next();
        }
        if (header == null) {
            throw new CsvException("empty", 0, "the file is empty", "the first line names the columns");
        }
        int headerLine = parser.recordLine;
        List<String> names = header(header, headerLine);
        List<CsvRecord> records = new ArrayList<>();
        for (List<String> fields = parser.next(); fields != null; fields = parser.next()) {
            if (fields.isEmpty()) {
                continue;
            }
            if (fields.size() != names.size()) {
                throw new CsvException("field-count", parser.recordLine, "the row has " + fields.size()
                        + " field(s), the header has " + names.size(),
                        "quote values that contain the delimiter '" + printable(used)
                                + "', and give every row as many fields as the header");
            }
            if (records.size() == limits.maxRows()) {
                throw new CsvException("too-many-rows", parser.recordLine, "the file has more than "
                        + limits.maxRows() + " rows", "split it into files of at most " + limits.maxRows() + " rows");
            }
            records.add(new CsvRecord(parser.recordLine, fields));
        }
        return new CsvTable(used, names, records);
    }

    private static List<String> header(List<String> fields, int line) {
        List<String> names = new ArrayList<>(fields.size());
        Set<String> seen = new HashSet<>();
        for (String field : fields) {
            String name = field.strip();
            if (name.isEmpty()) {
                throw new CsvException("header", line, "column " + (names.size() + 1) + " has no name",
                        "name every column in the first line, or delete the empty column");
            }
            if (!seen.add(name)) {
                throw new CsvException("header", line, "column '" + name + "' appears twice",
                        "keep one column of each name");
            }
            names.add(name);
        }
        return names;
    }

    /** Decodes strict UTF-8: a byte sequence that is not UTF-8 is refused with the line it is on. */
    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new CsvException("encoding", line, "the file is not UTF-8 (byte " + (in.position() + 1) + ")",
                    "save the file as \"CSV UTF-8\" in the spreadsheet program and try again");
        }
        out.flip();
        return out.toString();
    }

    /** The delimiter the header line uses most outside quotes (comma when it uses none: one column). */
    private static char detect(String text) {
        int[] counts = new int[DELIMITERS.length()];
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == QUOTE) {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (i > 0) {
                    break;
                }
            } else if (!quoted) {
                int which = DELIMITERS.indexOf(c);
                if (which >= 0) {
                    counts[which]++;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return DELIMITERS.charAt(best);
    }

    private static String printable(char delimiter) {
        return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
    }

    /** Splits the text into records; an empty list stands for an empty line. */
    private static final class Parser {

        private final String text;
        private final char delimiter;
        private int pos;
        private int line = 1;
        int recordLine;

        Parser(String text, char delimiter) {
            this.text = text;
            this.delimiter = delimiter;
        }

        /** The next record, an empty list for an empty line, null at the end. */
        List<String> next() {
            if (pos >= text.length()) {
                return null;
            }
            recordLine = line;
            if (endOfLine()) {
                return List.of();
            }
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(pos < text.length() && text.charAt(pos) == QUOTE ? quoted() : plain());
                if (pos >= text.length()) {
                    return fields;
                }
                if (text.charAt(pos) == delimiter) {
                    pos++;
                } else if (endOfLine()) {
                    return fields;
                }
            }
        }

        /** Consumes a line break at {@code pos} if there is one. */
        private boolean endOfLine() {
            char c = text.charAt(pos);
            if (c == '\r') {
                pos += pos + 1 < text.length() && text.charAt(pos + 1) == '\n' ? 2 : 1;
            } else if (c == '\n') {
                pos++;
            } else {
                return false;
            }
            line++;
            return true;
        }

        private String plain() {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == delimiter || c == '\r' || c == '\n') {
                    break;
                }
                if (c == QUOTE) {
                    throw new CsvException("stray-quote", line, "a quote inside a value that does not start with one",
                            "put the whole value in quotes and double the quotes inside it: \"say \"\"hi\"\"\"");
                }
                pos++;
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            int opened = line;
            pos++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new CsvException("unclosed-quote", opened, "a quoted value is not closed before the end"
                            + " of the file", "close the quote that opens on line " + opened
                            + ", and double any quote inside the value");
                }
                char c = text.charAt(pos);
                if (c == QUOTE) {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == QUOTE) {
                        value.append(QUOTE);
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                if (c == '\n' || (c == '\r' && (pos + 1 >= text.length() || text.charAt(pos + 1) != '\n'))) {
                    line++;
                }
                value.append(c);
                pos++;
            }
            if (pos < text.length()) {
                char after = text.charAt(pos);
                if (after != delimiter && after != '\r' && after != '\n') {
                    throw new CsvException("stray-quote", line, "text after the closing quote of a value",
                            "put the whole value in quotes and double the quotes inside it");
                }
            }
            return value.toString();
        }
    }
}
