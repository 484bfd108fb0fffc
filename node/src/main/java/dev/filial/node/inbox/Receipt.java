package dev.filial.node.inbox;

import java.util.List;

/**
 * What the inbox did with one received file.
 *
 * @param source   where the file came from (a path, a message id)
 * @param code     {@code applied}, {@code ack-only}, {@code duplicate}, {@code waiting-parts}, {@code gap},
 *                 {@code upgrade-needed}, {@code fork}, {@code broken-chain}, {@code apply-failed}, or the
 *                 reason code of a refused file (PROTOCOL.md section 12)
 * @param hint     one line for the operator
 * @param sequence the batch's channel sequence (0 when unknown or ack-only)
 * @param applied  number of batches applied by this file (a file can release held ones)
 * @param changes  changes applied
 * @param kept     columns and rows left as they were because of unacknowledged local changes
 * @param heldRefused when this file's batch was applied but a held batch it released was refused, the
 *                 refusal ({@code code hint}); null otherwise
 */
public record Receipt(String source, String code, String hint, long sequence, int applied, long changes,
                      List<String> kept, String heldRefused) {

    static Receipt of(String source, String code, String hint, long sequence) {
        return new Receipt(source, code, hint, sequence, 0, 0, List.of(), null);
    }

    /** Whether the file was refused and quarantined. */
    public boolean refused() {
        return switch (code) {
            case "applied", "ack-only", "duplicate", "waiting-parts", "gap", "upgrade-needed" -> false;
            default -> true;
        };
    }
}
