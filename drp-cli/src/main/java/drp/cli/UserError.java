package drp.cli;

/** Something the user can fix (a bad path, a bad combination of options): exit 2, one line. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
