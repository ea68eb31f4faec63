package io.meterflow.hub;

import java.util.Arrays;

import io.meterflow.hub.cli.DecodeCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The one Meterflow jar. With no argument, or {@code serve}, it runs the hub; other
 * subcommands are tools that start no server.
 */
@SpringBootApplication
public class MeterflowApplication {

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        switch (command) {
            case "serve" -> SpringApplication.run(MeterflowApplication.class,
                    args.length > 0 && "serve".equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length) : args);
            case "decode" -> System.exit(new picocli.CommandLine(new DecodeCommand())
                    .execute(Arrays.copyOfRange(args, 1, args.length)));
            case "admin-key" -> System.exit(new picocli.CommandLine(new io.meterflow.hub.cli.AdminKeyCommand())
                    .execute(Arrays.copyOfRange(args, 1, args.length)));
            case "loadgen" -> System.exit(new picocli.CommandLine(new io.meterflow.hub.loadgen.LoadgenCommand())
                    .execute(Arrays.copyOfRange(args, 1, args.length)));
            case "pollbench" -> System.exit(new picocli.CommandLine(new io.meterflow.hub.pollbench.PollbenchCommand())
                    .execute(Arrays.copyOfRange(args, 1, args.length)));
            case "help", "--help" -> usage(0);
            default -> {
                System.err.println("meterflow: unknown command '" + command + "'");
                usage(2);
            }
        }
    }

    private static void usage(int status) {
        System.out.println("""
                Usage: java -jar meterflow.jar [serve] [--property=value ...]

                Commands:
                  serve   run the hub (the default). With no database or broker configured it runs
                          an embedded PostgreSQL and AMQP broker, data under ./data.
                  decode  decode meter frames into telegrams (JSON lines); decode --help for more
                  loadgen push simulated meter data at a running hub and measure it; loadgen --help
                  pollbench  poll a farm of simulated DLMS meters once through a running hub and
                          measure the cycle; pollbench --help
                  admin-key  make a new admin API key in the database, when the first one is lost
                  help    this text
                """);
        System.exit(status);
    }
}
