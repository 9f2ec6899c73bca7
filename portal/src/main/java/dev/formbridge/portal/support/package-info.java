/**
 * The support console for support staff (the support group of the OIDC provider): organisations, one organisation
 * read-only (sites without secrets, submission metadata without field values) and audit logs across organisations.
 * Every look at an organisation's data is recorded in that organisation's audit log.
 */
package dev.formbridge.portal.support;
