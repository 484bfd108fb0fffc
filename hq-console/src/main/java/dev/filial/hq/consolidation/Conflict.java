package dev.filial.hq.consolidation;

/**
 * One entry of the conflict log: what met what, which policy decided, and how.
 *
 * @param kind           {@code column} (both sides changed a column), {@code update-delete},
 *                       {@code duplicate} (same tax id as another counterparty) or {@code rejected}
 *                       (the transaction failed validation at HQ and was not applied)
 * @param status         {@code decided}, or {@code open} (waits for an operator)
 * @param column         the column, for {@code column} conflicts (else null)
 * @param incomingValue  the node's value, as JSON (null when there is none)
 * @param currentValue   HQ's value before the decision, as JSON (null when there is none)
 * @param decision       {@code incoming}, {@code current}, {@code value} (an operator's own), {@code merged},
 *                       {@code kept-both} or {@code rejected}
 * @param decidedBy      the policy code, or the operator's login
 */
public record Conflict(String id, String detectedAt, String kind, String status, String table, String rowId,
                       String column, String policy, String incomingOrigin, String incomingHlc, String incomingValue,
                       String currentOrigin, String currentHlc, String currentValue, String decision, String decidedBy,
                       String txId, String note) {

    public static final String OPEN = "open";
    public static final String DECIDED = "decided";
}
