package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.identity.NodeConfig;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Create a new node in an empty directory: identity, key pairs, database.")
final class InitCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--code", required = true, description = "node code, e.g. MSK (capital letters and digits)")
    String code;

    @Option(names = "--hub", defaultValue = "HQ", description = "code of the hub this node syncs with (default HQ)")
    String hub;

    @Option(names = "--engine", defaultValue = "sqlite", description = "sqlite (default) or derby")
    String engine;

    @Option(names = "--admin", description = "login of a first admin user; the password is read from $FILIAL_ADMIN_PASSWORD")
    String admin;

    @Option(names = "--protect-keys", description = "seal the private keys with a passphrase: from "
            + "$FILIAL_KEY_PASSPHRASE (or the file $FILIAL_KEY_PASSPHRASE_FILE names), else asked twice; the node "
            + "then needs it to start")
    boolean protectKeys;

    @Override
    public Integer call() throws Exception {
        NodeHome nodeHome = home.nodeHome();
        NodeConfig config = nodeHome.init(NodeCode.parse(code), NodeCode.parse(hub), Engine.parse(engine), protectKeys);
        try (Node node = Node.open(nodeHome)) {
            if (admin != null) {
                String password = home.root().environment().apply("FILIAL_ADMIN_PASSWORD");
                if (password == null) {
                    throw new IllegalArgumentException("set FILIAL_ADMIN_PASSWORD to the admin's password");
                }
                node.users().put(admin, admin, Role.ADMIN, password.toCharArray());
            }
        }
        System.out.printf("node %s (id %s) created in %s on %s%n", config.code(), config.id(), nodeHome.root(), config.engine());
        System.out.printf("public keys for the hub: %s and %s%n", nodeHome.keys().resolve("signing.pub.pem"),
                nodeHome.keys().resolve("exchange.pub.pem"));
        System.out.printf("private keys: %s%n", nodeHome.privateKeys().status().summary());
        return 0;
    }
}
