package dev.filial.protocol.part;

import dev.filial.protocol.batch.BatchHeader;
import dev.filial.protocol.batch.BatchPart;
import dev.filial.protocol.batch.BatchRejectedException;
import dev.filial.protocol.batch.RejectReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects verified parts until each batch is whole. Parts may arrive in any order and more than
 * once; a batch with a part missing waits and says which parts it lacks. A part that claims a place
 * another part with different content already holds is refused. Keeps everything in memory: the
 * caller persists parts it cannot afford to lose (the node's inbox does).
 */
public final class PartAssembler {

    private final Map<String, TreeMap<Integer, BatchPart>> pending = new LinkedHashMap<>();

    /** What one offered part leads to. */
    public sealed interface Status {
        /** The stable code for logs and status pages. */
        String code();
    }

    /** All parts are here, in index order; the batch is no longer held. */
    public record Complete(List<BatchPart> parts) implements Status {
        public String code() {
            return "complete";
        }
    }

    /** Parts are missing; {@code missing} lists their indexes. */
    public record Waiting(String batchId, int received, int count, List<Integer> missing) implements Status {
        public String code() {
            return "waiting";
        }

        @Override
        public String toString() {
            return "batch " + batchId + ": " + received + " of " + count + " parts received, waiting for parts " + missing;
        }
    }

    /** This exact part was already received; nothing changed. */
    public record Duplicate(String batchId, int index) implements Status {
        public String code() {
            return "duplicate-part";
        }
    }

    /**
     * Adds a part.
     *
     * @throws BatchRejectedException with {@link RejectReason#PART_MISMATCH} when the part disagrees
     *     with parts already held for the same batch (other header fields, count or content)
     */
    public Status offer(BatchPart part) {
        BatchHeader header = part.header();
        String batchId = header.batchId();
        int count = header.part().count();
        if (count == 1) {
            return new Complete(List.of(part));
        }
        TreeMap<Integer, BatchPart> parts = pending.computeIfAbsent(batchId, id -> new TreeMap<>());
        if (!parts.isEmpty()) {
            BatchHeader first = parts.firstEntry().getValue().header();
            if (!first.samePartedBatchAs(header)) {
                throw new BatchRejectedException(RejectReason.PART_MISMATCH, "part " + header.part().index()
                        + " of batch " + batchId + " disagrees with the parts already received");
            }
        }
        BatchPart held = parts.get(header.part().index());
        if (held != null) {
            if (held.header().part().sha256().equals(header.part().sha256())) {
                return new Duplicate(batchId, header.part().index());
            }
            throw new BatchRejectedException(RejectReason.PART_MISMATCH, "two different parts "
                    + header.part().index() + " of batch " + batchId);
        }
        parts.put(header.part().index(), part);
        if (parts.size() == count) {
            pending.remove(batchId);
            return new Complete(new ArrayList<>(parts.values()));
        }
        return waiting(batchId, parts, count);
    }

    /** The batches still waiting for parts, for a status page. */
    public List<Waiting> waiting() {
        List<Waiting> all = new ArrayList<>();
        pending.forEach((id, parts) -> all.add(waiting(id, parts, parts.firstEntry().getValue().header().part().count())));
        return all;
    }

    private static Waiting waiting(String batchId, TreeMap<Integer, BatchPart> parts, int count) {
        List<Integer> missing = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            if (!parts.containsKey(index)) {
                missing.add(index);
            }
        }
        return new Waiting(batchId, parts.size(), count, missing);
    }
}
