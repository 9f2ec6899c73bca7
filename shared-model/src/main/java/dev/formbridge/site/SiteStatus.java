package dev.formbridge.site;

/** Whether a site may send submissions. */
public enum SiteStatus {
    ACTIVE,
    DISABLED
}
