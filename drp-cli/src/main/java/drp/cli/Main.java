package drp.cli;

/**
 * The {@code drp} entry point. Exits explicitly: native model libraries may leave non-daemon
 * threads behind that would otherwise keep the JVM alive.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(Drp.commandLine().execute(args));
    }
}
