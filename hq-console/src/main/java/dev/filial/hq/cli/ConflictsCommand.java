package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "conflicts", description = "List the conflict log, newest first, with both versions of each.")
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
            for (Conflict conflict : hub.conflicts().list(status, limit)) {
                System.out.printf("%s  %s %s  %s %s%s  by %s: %s%n", conflict.id(), conflict.status(), conflict.kind(),
                        conflict.table(), conflict.rowId(), conflict.column() == null ? "" : "." + conflict.column(),
                        conflict.decidedBy(), conflict.decision());
                System.out.printf("    %s (%s) wrote %s; HQ had %s%s%n", conflict.incomingOrigin(), conflict.incomingHlc(),
                        conflict.incomingValue(), conflict.currentValue(),
                        conflict.note() == null ? "" : "; " + conflict.note());
            }
        }
        return 0;
    }
}
