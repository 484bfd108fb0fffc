package dev.filial.node.cli;

import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.exchange.MailSettings;
import dev.filial.node.mail.MailCheck;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "mail", description = "'mail check': connect and log in to the SMTP and IMAP servers of exchange.yml "
        + "and open the inbox folder, sending nothing.")
final class MailCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Parameters(index = "0", description = "check")
    String action;

    @Override
    public Integer call() throws Exception {
        if (!action.equals("check")) {
            throw new IllegalArgumentException("the only mail action is 'check'");
        }
        ExchangeSettings settings = ExchangeSettings.read(home.nodeHome().root(), home.nodeHome().config().hubUrl());
        MailSettings mail = (MailSettings) settings.transport("mail").orElseThrow(() -> new IllegalArgumentException(
                "exchange.yml has no mail transport; see the README, section E-mail"));
        List<String> lines = MailCheck.run(mail, home.root().environment());
        lines.forEach(System.out::println);
        return lines.stream().allMatch(line -> line.startsWith("ok")) ? 0 : 1;
    }
}
