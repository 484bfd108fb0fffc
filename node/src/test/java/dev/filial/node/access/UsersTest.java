package dev.filial.node.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.node.Node;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.ValidationException;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Users are replicated rows written through the write path; the users of schema 2 are adopted on open. */
class UsersTest {

    private static final String PASSWORD = "long-enough-secret";

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void usersAreCapturedAndTheOwnOneWinsOverACompanyWideOneOfTheSameLogin(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            long before = captured(node);
            node.users().put("anna", "Anna", Role.MANAGER, PASSWORD.toCharArray());
            node.users().put("anna", "Anna (company)", Role.VIEWER, "another-secret".toCharArray(), Users.EVERY_NODE);
            node.users().put("anna", "Anna Petrova", Role.MANAGER, PASSWORD.toCharArray());

            assertThat(captured(node) - before).isEqualTo(3);
            assertThat(node.users().list()).extracting(user -> user.displayName() + "@" + user.homeNode())
                    .containsExactlyInAnyOrder("Anna Petrova@MSK", "Anna (company)@*");
            assertThat(node.users().authenticate("anna", PASSWORD.toCharArray()))
                    .contains(new Actor("anna", Role.MANAGER));
            assertThat(node.users().authenticate("anna", "another-secret".toCharArray())).isEmpty();

            assertThat(node.users().deactivate("anna")).isTrue();
            assertThat(node.users().authenticate("anna", PASSWORD.toCharArray())).isEmpty();
            assertThat(node.users().authenticate("anna", "another-secret".toCharArray()))
                    .as("a deactivated own user still shadows the company-wide one of the same login").isEmpty();
            assertThatThrownBy(() -> node.users().put("bob", "Bob", Role.VIEWER, PASSWORD.toCharArray(), "not a node"))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("home_node");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void usersOfSchemaTwoAreAdoptedThroughTheWritePathOnOpen(Engine engine) throws Exception {
        Path home;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            home = node.home().root();
            String hash = PasswordHash.hash(PASSWORD.toCharArray());
            node.database().write(connection -> {
                try (var insert = connection.prepareStatement("INSERT INTO app_user (login, display_name, role, "
                        + "password_hash, active) VALUES ('olga', 'Olga', 'admin', ?, 1)")) {
                    insert.setString(1, hash);
                    return insert.executeUpdate();
                }
            });
        }
        long adopted;
        try (Node node = Node.open(new NodeHome(home))) {
            assertThat(node.users().authenticate("olga", PASSWORD.toCharArray())).contains(new Actor("olga",
                    Role.ADMIN));
            assertThat(node.users().list()).singleElement().satisfies(user -> assertThat(user.homeNode())
                    .isEqualTo("MSK"));
            adopted = captured(node);
            assertThat(adopted).isPositive();
        }
        try (Node again = Node.open(new NodeHome(home))) {
            assertThat(captured(again)).as("adopted once").isEqualTo(adopted);
            assertThat(again.users().list()).hasSize(1);
        }
    }

    private static long captured(Node node) {
        return node.database().read(connection -> node.changeLog().countAndLast(connection)[0]);
    }
}
