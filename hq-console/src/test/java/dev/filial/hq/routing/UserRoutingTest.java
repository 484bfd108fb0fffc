package dev.filial.hq.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.hq.Network;
import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.access.Users;
import dev.filial.node.store.Engine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users are reference data routed by the node they work at: HQ manages a branch's users centrally,
 * company-wide users reach every node, HQ's own stay at HQ, and a node's own users reach HQ.
 */
class UserRoutingTest {

    private static final String PASSWORD = "long-enough-secret";

    @TempDir
    Path directory;

    @Test
    void usersReachTheNodesTheyWorkAtAndNoOthers() throws Exception {
        try (Network network = Network.start(directory, null)) {
            Hub hub = network.hub();
            Users hq = hub.node().users();
            hq.put("boris", "Boris, MSK sales", Role.MANAGER, PASSWORD.toCharArray(), "MSK");
            hq.put("audit", "Company auditor", Role.VIEWER, PASSWORD.toCharArray(), Users.EVERY_NODE);
            hq.put("hqadmin", "HQ administrator", Role.ADMIN, PASSWORD.toCharArray());
            Node branch = network.join("MSK", "Moscow office", "branch", Engine.SQLITE);
            Node agent = network.join("AG1", "Agent", "agent", Engine.DERBY);

            assertThat(logsIn(branch, "boris")).isTrue();
            assertThat(logsIn(branch, "audit")).isTrue();
            assertThat(logsIn(agent, "audit")).isTrue();
            assertThat(logsIn(agent, "boris")).isFalse();
            assertThat(logsIn(branch, "hqadmin")).isFalse();

            hq.put("petrov", "Agent Petrov", Role.AGENT, PASSWORD.toCharArray(), "AG1");
            branch.users().put("kira", "Kira, MSK cashier", Role.VIEWER, PASSWORD.toCharArray());
            network.sync(branch);
            network.sync(agent);
            assertThat(logsIn(agent, "petrov")).isTrue();
            assertThat(hq.list()).extracting(user -> user.login() + "@" + user.homeNode()).contains("kira@MSK");
            assertThat(logsIn(agent, "kira")).isFalse();

            hq.deactivate("boris", "MSK");
            network.sync(branch);
            assertThat(logsIn(branch, "boris")).as("deactivated at HQ, off at the branch too").isFalse();
            assertThat(logsIn(branch, "kira")).isTrue();
        }
    }

    private static boolean logsIn(Node node, String login) {
        return node.users().authenticate(login, PASSWORD.toCharArray()).map(Actor::login).isPresent();
    }
}
