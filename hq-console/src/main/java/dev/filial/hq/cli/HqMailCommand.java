package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.node.exchange.MailSettings;
import dev.filial.node.mail.MailCheck;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "mail", description = "'mail check': connect and log in to HQ's SMTP and IMAP servers (hq.yml) and "
        + "open the inbox folder, sending nothing.")
final class HqMailCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Parameters(index = "0", description = "check")
    String action;

    @Override
    public Integer call() {
        if (!action.equals("check")) {
            throw new IllegalArgumentException("the only mail action is 'check'");
        }
        try (Hub hub = Hub.open(home.nodeHome())) {
            MailSettings mail = (MailSettings) hub.settings().exchange().transport("mail").orElseThrow(() ->
                    new IllegalArgumentException("hq.yml has no mail transport in its exchange section"));
            List<String> lines = MailCheck.run(mail, home.root().environment());
            lines.forEach(System.out::println);
            return lines.stream().allMatch(line -> line.startsWith("ok")) ? 0 : 1;
        }
    }
}
