package dev.filial.node.exchange;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An SMTP or IMAP server and how to log in to it.
 *
 * @param port        from 1 to 65535
 * @param security    {@code tls} (TLS from the first byte), {@code starttls} (plain, then upgraded; refused
 *                    if the server cannot) or {@code none} (only for a server on the same machine or in tests)
 * @param passwordEnv the name of the environment variable holding the password ({@code [A-Za-z_][A-Za-z0-9_]*});
 *                    the password is never written in a file
 */
public record MailServer(String host, int port, String security, String user, String passwordEnv) {

    static final int MIN_PORT = 1;
    static final int MAX_PORT = 65535;

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * @throws IllegalArgumentException when the port is out of range, {@code security} is none of the three,
     *                                  or {@code passwordEnv} is no variable name (then likely the password
     *                                  itself, so never repeated)
     */
    public MailServer {
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException(portRange(String.valueOf(port)));
        }
        if (!security.equals("tls") && !security.equals("starttls") && !security.equals("none")) {
            throw new IllegalArgumentException("security must be tls, starttls or none, not '" + security + "'");
        }
        if (passwordEnv != null && !VARIABLE.matcher(passwordEnv).matches()) {
            throw new IllegalArgumentException("passwordEnv must name an environment variable, like "
                    + "FILIAL_MAIL_PASSWORD; the password itself never goes in a file");
        }
    }

    static String portRange(String given) {
        return "port must be a whole number from " + MIN_PORT + " to " + MAX_PORT + ", not '" + given + "'";
    }

    /**
     * The password, read from the environment.
     *
     * @throws ExchangeException {@code mail-password-missing} when the variable is not set
     */
    public String password(Function<String, String> environment) {
        if (user == null) {
            return null;
        }
        String password = passwordEnv == null ? null : environment.apply(passwordEnv);
        if (password == null) {
            throw new ExchangeException("mail-password-missing", "the password of " + user + "@" + host
                    + " is read from the environment variable " + (passwordEnv == null ? "(passwordEnv not set)"
                    : passwordEnv) + ", which is not set; set it for the user that runs the node");
        }
        return password;
    }
}
