package dev.formbridge.audit;

/**
 * The outcome of {@link AuditRepository#verifyChain}: whether the tenant's chain is intact, how many events were found
 * intact, and otherwise the first broken sequence number (a changed, missing, moved or relinked event) and why.
 * Removing the newest events leaves an intact, shorter chain; that needs a copy of the latest hash kept elsewhere.
 */
public record ChainVerification(boolean ok, long eventsChecked, Long firstBrokenSeq, String reason) {
    static ChainVerification intact(long eventsChecked) {
        return new ChainVerification(true, eventsChecked, null, null);
    }

    static ChainVerification broken(long eventsChecked, long seq, String reason) {
        return new ChainVerification(false, eventsChecked, seq, reason);
    }
}
