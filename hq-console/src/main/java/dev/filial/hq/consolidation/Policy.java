package dev.filial.hq.consolidation;

import java.util.Arrays;
import java.util.Locale;

/**
 * How HQ settles a column that a node changed from a value HQ no longer has (BRIEF section 5).
 * Each has the code used in {@code hq.yml} and in the conflict log.
 */
public enum Policy {
    /** The write with the later HLC wins; equal HLCs go to the lower node code. */
    LATEST_WINS("latest-wins"),
    /** HQ's current value stays. */
    HQ_WINS("hq-wins"),
    /** The write of the node that owns the row wins; between two others, latest-wins. */
    OWNER_WINS("owner-wins"),
    /** Latest-wins is applied provisionally and the conflict waits for an operator. */
    MANUAL("manual"),
    /** An update of a row HQ deleted is dropped; a delete of a row HQ changed since is applied. */
    DELETE_WINS("delete-wins"),
    /** A delete of a row HQ changed since is refused and the row sent back; an update of a deleted row is dropped. */
    UPDATE_WINS("update-wins");

    private final String code;

    Policy(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether this policy is for update-vs-delete rather than for columns. */
    public boolean forDeletes() {
        return this == DELETE_WINS || this == UPDATE_WINS;
    }

    /**
     * The policy with {@code code}.
     *
     * @throws IllegalArgumentException naming the valid codes
     */
    public static Policy parse(String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        for (Policy policy : values()) {
            if (policy.code.equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown conflict policy '" + code + "'; use one of "
                + Arrays.stream(values()).map(Policy::code).toList());
    }
}
