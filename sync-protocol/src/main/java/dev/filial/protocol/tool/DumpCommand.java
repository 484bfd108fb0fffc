package dev.filial.protocol.tool;

import dev.filial.protocol.batch.BatchHeader;
import dev.filial.protocol.batch.BatchPart;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.BatchRejectedException;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Value;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a batch's header and its changes, one line each. */
@Command(name = "dump", description = "Print a batch's header and changes (all parts of one batch, any order).")
final class DumpCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the batch file, or all its part files")
    List<Path> files;

    @Mixin
    KeyOptions keys;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try {
            BatchReader reader = PartFiles.reader(files.get(0), keys.signingKey(), keys.encryptionKey());
            List<BatchPart> parts = PartFiles.read(reader, files);
            BatchHeader h = parts.get(0).header();
            out.printf("batch      %s%n", h.batchId());
            out.printf("channel    %s -> %s  sequence %d  ack %d%n", h.sender(), h.recipient(), h.sequence(), h.ack());
            out.printf("previous   %s%n", h.previous() == null ? "-" : h.previous());
            out.printf("schema     %d  created %s  key %s  signature %s%n", h.schema(), h.created(), h.key(),
                    keys.publicKey == null ? "NOT CHECKED (give --public-key)" : "good");
            out.printf("body       %d bytes  sha256 %s  %s%n", h.body().size(), h.body().sha256(),
                    h.encryption() == null ? "plain" : "encrypted to " + h.encryption().recipientKey());
            out.printf("parts      %d of %d present%n", parts.size(), h.part().count());
            out.printf("counts     %d transactions, %d changes %s%n", h.transactions(), h.changes(), h.counts());
            if (h.encryption() != null && keys.decryptionKey == null) {
                out.println("(the body is encrypted; give --decryption-key to list its changes)");
                return 0;
            }
            reader.decode(parts, tx -> {
                out.printf("tx %s  origin %s  hlc %s%n", tx.id(), tx.origin(), tx.hlc());
                for (RowChange c : tx.changes()) {
                    out.printf("  %s %s %s  new %s  old %s%n", c.operation().code(), c.table(), c.rowId(),
                            text(c.newValues()), text(c.oldValues()));
                }
            });
            return 0;
        } catch (BatchRejectedException e) {
            spec.commandLine().getErr().println("rejected: " + e.getMessage());
            return 1;
        }
    }

    private static String text(Map<String, Value> values) {
        StringBuilder text = new StringBuilder("{");
        values.forEach((column, value) -> {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(column).append('=').append(show(value));
        });
        return text.append('}').toString();
    }

    private static String show(Value value) {
        if (value instanceof Value.Text t) {
            return '"' + t.value() + '"';
        } else if (value instanceof Value.Int i) {
            return Long.toString(i.value());
        } else if (value instanceof Value.Decimal d) {
            return d.value().toString();
        } else if (value instanceof Value.Date d) {
            return d.value().toString();
        } else if (value instanceof Value.Timestamp t) {
            return t.value().toString();
        } else if (value instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        }
        return "null";
    }
}
