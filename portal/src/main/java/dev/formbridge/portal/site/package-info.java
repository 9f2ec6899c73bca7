/**
 * Sites and their signing secrets: register, show the secret once with ready snippets, rotate with a grace deadline,
 * retire the previous secret, disable, delete; send a test submission through the real ingest path; and the signature
 * troubleshooter.
 */
package dev.formbridge.portal.site;
