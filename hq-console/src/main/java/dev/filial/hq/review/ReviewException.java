package dev.filial.hq.review;

import java.util.Locale;

/** An operator's review action that cannot be carried out, with what to do instead. */
public final class ReviewException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the action was refused. */
    public enum Problem {
        /** No conflict log entry with that id. */
        NOT_FOUND("list the conflicts with 'filial-hq conflicts' or GET /api/conflicts and copy an id"),
        /** The action does not fit this kind of entry (e.g. merge on a column conflict). */
        WRONG_ACTION("column and update-delete entries take 'choose' or a value; duplicates take 'merge' or "
                + "'keep-both'; negative-stock and closed-period entries take 'settle' with accept or reverse, "
                + "credit-limit entries with release or cancel; rejected entries are final: the node's user enters "
                + "the change again"),
        /** The row the entry is about is no longer at HQ. */
        ROW_GONE("the row was deleted since; re-create it if it should exist, then mark the entry with 'keep-both' "
                + "or leave it"),
        /** The request itself is incomplete or contradictory. */
        BAD_REQUEST("give exactly one of: choose = incoming | current, or value = the column's new value");

        private final String hint;

        Problem(String hint) {
            this.hint = hint;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public String hint() {
            return hint;
        }
    }

    private final Problem problem;

    public ReviewException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public String hint() {
        return problem.hint();
    }
}
