package dev.filial.node.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static final CsvReader READER = new CsvReader(CsvLimits.DEFAULT);

    private static CsvTable read(String text) {
        return READER.read(text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static CsvException refused(String text) {
        CsvException e = catchThrowableOfType(CsvException.class, () -> read(text));
        assertThat((Object) e).as("refusal of " + text).isNotNull();
        assertThat(e.hint()).isNotBlank();
        return e;
    }

    @Test
    void readsQuotedDelimitersDoubledQuotesAndLineBreaksWithTheLineEachRowStartsOn() {
        CsvTable table = read("sku,name,note\r\nA-1,\"Drill, cordless\",\"says \"\"hi\"\"\"\r\n"
                + "A-2,\"two\nlines\",\r\nA-3,plain,\"\"\r\n");
        assertThat(table.delimiter()).isEqualTo(',');
        assertThat(table.header()).containsExactly("sku", "name", "note");
        assertThat(table.records()).extracting(CsvRecord::line).containsExactly(2, 3, 5);
        assertThat(table.records().get(0).fields()).containsExactly("A-1", "Drill, cordless", "says \"hi\"");
        assertThat(table.records().get(1).fields()).containsExactly("A-2", "two\nlines", "");
        assertThat(table.records().get(2).fields()).containsExactly("A-3", "plain", "");
    }

    @Test
    void detectsSemicolonAndTabFromTheHeaderAndStripsTheByteOrderMark() {
        CsvTable semicolons = read("\uFEFFname;tax_id;note\n\"ООО \"\"Ромашка\"\"\";7701234567;\"a, b\"\n");
        assertThat(semicolons.delimiter()).isEqualTo(';');
        assertThat(semicolons.header()).containsExactly("name", "tax_id", "note");
        assertThat(semicolons.records().get(0).fields()).isEqualTo(List.of("ООО \"Ромашка\"", "7701234567", "a, b"));
        assertThat(read("a\tb\n1\t2").records().get(0).fields()).containsExactly("1", "2");
        assertThat(read("only\nx\n").records()).singleElement().extracting(CsvRecord::fields).isEqualTo(List.of("x"));
        assertThat(READER.read("a;b\n1,5;2\n".getBytes(StandardCharsets.UTF_8), ';').records().get(0).fields())
                .containsExactly("1,5", "2");
    }

    @Test
    void skipsEmptyLinesAndAcceptsLoneCarriageReturns() {
        CsvTable table = read("a,b\r\r\n1,2\r\n\n3,4");
        assertThat(table.records()).extracting(CsvRecord::line).containsExactly(3, 5);
        assertThat(table.records().get(1).fields()).containsExactly("3", "4");
    }

    @Test
    void refusesAnUnclosedQuoteNamingTheLineItOpensOn() {
        CsvException e = refused("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
        assertThat(e.code()).isEqualTo("unclosed-quote");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("line 3:");
    }

    @Test
    void refusesRowsWithTheWrongNumberOfFieldsAndStrayQuotes() {
        CsvException count = refused("a;b;c\n1;2;3\n1;2\n");
        assertThat(count.code()).isEqualTo("field-count");
        assertThat(count.line()).isEqualTo(3);
        assertThat(count.getMessage()).contains("2 field(s), the header has 3");
        assertThat(refused("a,b\n1,x\"y\n").code()).isEqualTo("stray-quote");
        assertThat(refused("a,b\n1,\"x\"y\n").code()).isEqualTo("stray-quote");
    }

    @Test
    void refusesBadHeadersEmptyFilesAndFilesThatAreNotUtf8() {
        assertThat(refused("a,a\n1,2\n").code()).isEqualTo("header");
        assertThat(refused("a,,c\n1,2,3\n").code()).isEqualTo("header");
        assertThat(refused("\uFEFF\r\n").code()).isEqualTo("empty");
        byte[] latin1 = "name\nM\u00fcller\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvException e = catchThrowableOfType(CsvException.class, () -> READER.read(latin1, null));
        assertThat(e.code()).isEqualTo("encoding");
        assertThat(e.line()).isEqualTo(2);
        assertThat(catchThrowableOfType(CsvException.class, () -> CsvReader.delimiter("|")).code())
                .isEqualTo("delimiter");
        assertThat(CsvReader.delimiter("tab")).isEqualTo('\t');
    }

    @Test
    void refusesFilesOverTheSizeAndRowLimits() {
        CsvReader small = new CsvReader(new CsvLimits(20, 2));
        byte[] big = "name\nabcdefghijklmnopqrstuvwxyz\n".getBytes(StandardCharsets.UTF_8);
        CsvException tooLarge = catchThrowableOfType(CsvException.class,
                () -> small.read(new ByteArrayInputStream(big), null));
        assertThat(tooLarge.code()).isEqualTo("too-large");
        CsvException tooMany = catchThrowableOfType(CsvException.class,
                () -> small.read("n\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8), null));
        assertThat(tooMany.code()).isEqualTo("too-many-rows");
        assertThat(tooMany.line()).isEqualTo(4);
        assertThat(small.read("n\n1\n2\n".getBytes(StandardCharsets.UTF_8), null).records()).hasSize(2);
    }
}
