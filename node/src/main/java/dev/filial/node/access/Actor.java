package dev.filial.node.access;

/** Who is acting: a local user's login and role ({@code system} for the node itself). */
public record Actor(String login, Role role) {

    /** The node's own processes (imports, migrations of data). */
    public static final Actor SYSTEM = new Actor("system", Role.ADMIN);
}
