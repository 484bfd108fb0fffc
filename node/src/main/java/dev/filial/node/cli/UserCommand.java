package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.access.Users;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", description = "Add or change a local user (password from $FILIAL_PASSWORD), list, or deactivate.")
final class UserCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Parameters(index = "0", description = "add, list or deactivate")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "login")
    String login;

    @Option(names = "--role", defaultValue = "viewer", description = "admin, manager, agent or viewer")
    String role;

    @Option(names = "--name", description = "display name")
    String name;

    @Option(names = "--node", description = "the node the user works at: a node code, or * for every node "
            + "(default: this node); at HQ, users of a branch are added this way and reach it with the next sync")
    String homeNode;

    @Override
    public Integer call() {
        try (Node node = Node.open(home.nodeHome())) {
            Users users = node.users();
            switch (action) {
                case "add" -> {
                    String password = home.root().environment().apply("FILIAL_PASSWORD");
                    if (login == null || password == null) {
                        throw new IllegalArgumentException("usage: user add LOGIN --role ROLE, with the password in $FILIAL_PASSWORD");
                    }
                    String at = homeNode == null ? node.config().code().toString() : homeNode;
                    users.put(login, name == null ? login : name, Role.parse(role), password.toCharArray(), at);
                    System.out.println("user " + login + " saved with role " + role + " at " + at);
                }
                case "list" -> users.list().forEach(user -> System.out.printf("%-20s %-8s %-6s %-6s %s%n", user.login(),
                        user.role().code(), user.active() ? "active" : "off", user.homeNode(), user.displayName()));
                case "deactivate" -> {
                    if (!users.deactivate(login, homeNode)) {
                        System.err.println("no user " + login);
                        return 1;
                    }
                }
                default -> throw new IllegalArgumentException("unknown action " + action + "; use add, list or deactivate");
            }
        }
        return 0;
    }
}
