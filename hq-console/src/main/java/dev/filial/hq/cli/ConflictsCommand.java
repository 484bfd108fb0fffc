package dev.filial.hq.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.hq.review.ConflictReview;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conflicts}: lists the conflict log; its subcommands show one entry and decide it. A decision
 * taken here is recorded as made by {@code console:<OS user>} with the admin role.
 */
@Command(name = "conflicts", description = "List the conflict log, newest first, with both versions of each.",
        subcommands = {ConflictsCommand.Show.class, ConflictsCommand.Resolve.class, ConflictsCommand.Merge.class,
            ConflictsCommand.KeepBoth.class, ConflictsCommand.Settle.class})
final class ConflictsCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Option(names = "--status", description = "only open or only decided ones")
    String status;

    @Option(names = "--limit", defaultValue = "50", description = "at most this many (default 50)")
    int limit;

    @Override
    public Integer call() {
        try (Hub hub = Hub.open(home.nodeHome())) {
            for (Conflict conflict : new ConflictReview(hub).list(status, limit)) {
                print(System.out, conflict);
            }
        }
        return 0;
    }

    static void print(PrintStream out, Conflict conflict) {
        out.printf("%s  %s %s  %s %s%s  by %s: %s%n", conflict.id(), conflict.status(), conflict.kind(),
                conflict.table(), conflict.rowId(), conflict.column() == null ? "" : "." + conflict.column(),
                conflict.decidedBy(), conflict.decision());
        out.printf("    %s (%s) wrote %s; HQ had %s%s%n", conflict.incomingOrigin(), conflict.incomingHlc(),
                conflict.incomingValue(), conflict.currentValue(), conflict.note() == null ? "" : "; "
                        + conflict.note());
    }

    /** The operator at this console. */
    static Actor console() {
        return new Actor("console:" + System.getProperty("user.name"), Role.ADMIN);
    }

    /** Runs one decision on entry {@code id} and prints the entry as decided. */
    static int decide(HqHome home, String id, BiFunction<ConflictReview, String, Conflict> decision) {
        try (Hub hub = Hub.open(home.nodeHome())) {
            print(System.out, decision.apply(new ConflictReview(hub), id));
        }
        return 0;
    }

    @Command(name = "show", description = "Show one entry: both versions and HQ's value now.")
    static final class Show implements Callable<Integer> {

        @Mixin
        HqHome home;

        @Parameters(paramLabel = "ID", description = "the entry's id")
        String id;

        @Override
        public Integer call() throws JsonProcessingException {
            try (Hub hub = Hub.open(home.nodeHome())) {
                ConflictReview review = new ConflictReview(hub);
                Conflict conflict = review.show(id);
                print(System.out, conflict);
                Object now = review.now(conflict).orElse(null);
                System.out.println("    HQ now: " + (now == null ? "(the row is gone)"
                        : new ObjectMapper().writeValueAsString(now)));
            }
            return 0;
        }
    }

    @Command(name = "resolve",
            description = "Decide a column or update-delete entry: choose a version or enter a value; "
            + "the result reaches every node that holds the row.")
    static final class Resolve implements Callable<Integer> {

        @Mixin
        HqHome home;

        @Parameters(paramLabel = "ID", description = "the entry's id")
        String id;

        @ArgGroup(multiplicity = "1")
        Outcome outcome;

        static final class Outcome {
            @Option(names = "--choose", paramLabel = "incoming|current",
                    description = "the node's version (incoming) or HQ's (current)")
            String choice;

            @Option(names = "--value", paramLabel = "JSON", description = "your own value as JSON: \"text\", 12.5, "
                    + "true, null")
            String value;
        }

        @Override
        public Integer call() {
            return decide(home, id, (review, entry) -> outcome.choice != null
                    ? review.choose(entry, outcome.choice, console())
                    : review.enter(entry, json(outcome.value), console()));
        }

        private static Object json(String text) {
            try {
                return new ObjectMapper().readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("--value is not JSON: " + text
                        + " (quote text like '\"Volga Trade\"'; numbers, true, false and null as they are)", e);
            }
        }
    }

    @Command(name = "merge", description = "Merge a duplicate entry's counterparties: references are re-pointed to "
            + "the kept one and the other is deleted everywhere.")
    static final class Merge implements Callable<Integer> {

        @Mixin
        HqHome home;

        @Parameters(paramLabel = "ID", description = "the duplicate entry's id")
        String id;

        @Option(names = "--keep", paramLabel = "COUNTERPARTY", description = "the counterparty to keep (default: the "
                + "one that was there first)")
        String keep;

        @Override
        public Integer call() {
            return decide(home, id, (review, entry) -> review.merge(entry, keep, console()));
        }
    }

    @Command(name = "keep-both", description = "Close a duplicate entry: the two counterparties are different ones.")
    static final class KeepBoth implements Callable<Integer> {

        @Mixin
        HqHome home;

        @Parameters(paramLabel = "ID", description = "the duplicate entry's id")
        String id;

        @Override
        public Integer call() {
            return decide(home, id, (review, entry) -> review.keepBoth(entry, console()));
        }
    }

    @Command(name = "settle", description = "Settle a business entry: negative-stock and closed-period with accept or "
            + "reverse (HQ reverses the documents), credit-limit with release or cancel (the order on hold).")
    static final class Settle implements Callable<Integer> {

        @Mixin
        HqHome home;

        @Parameters(index = "0", paramLabel = "ID", description = "the business entry's id")
        String id;

        @Parameters(index = "1", paramLabel = "ACTION", description = "accept | reverse | release | cancel")
        String action;

        @Override
        public Integer call() {
            return decide(home, id, (review, entry) -> review.settle(entry, action, console()));
        }
    }
}
