package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.hq.registry.Enrollment;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "enroll", description = "Create a node and write its enrollment package; prints the passphrase once.")
final class EnrollCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Option(names = "--code", required = true, description = "the node's code, e.g. MSK")
    String code;

    @Option(names = "--name", required = true, description = "a name people recognise, e.g. \"Moscow branch\"")
    String name;

    @Option(names = "--role", required = true, description = "branch, agent or dealer")
    String role;

    @Option(names = "--group", description = "routing group (see routing.groups in hq.yml)")
    String group;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "where HQ reaches the node, in priority order "
            + "(repeat): http (it pulls; the default), mail:agent7@example.com, drop:/srv/filial/drop")
    List<String> addresses = List.of();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the package")
    Path out;

    @Override
    public Integer call() {
        List<NodeAddress> parsed = NodeAddress.parseAll(addresses);
        try (Hub hub = Hub.open(home.nodeHome())) {
            Enrollment enrollment = hub.enroll(NodeCode.parse(code), name, role, group, out);
            if (!parsed.isEmpty()) {
                hub.registry().setAddresses(enrollment.node().code(), parsed);
            }
            System.out.printf("node %s enrolled (%s, %d snapshot row(s) in %d batch(es)); package: %s%n",
                    enrollment.node().code(), enrollment.node().role(), enrollment.snapshotRows(),
                    enrollment.snapshotBatches(), enrollment.packageFile());
            System.out.printf("passphrase: %s%n", enrollment.passphrase());
            System.out.println("give the passphrase to the node's operator another way than the file (phone, in person)");
        }
        return 0;
    }
}
