package drp.core.chat;

/**
 * A call that was not made now: its request was set aside to be answered later, by a batch job.
 * Not a failure: the work that needed the answer stops here, is not recorded, and is done again
 * once the answers are in (then from the call cache). Stages count such items as deferred.
 */
public final class CallDeferredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CallDeferredException(String message) {
        super(message, null, false, false);
    }
}
