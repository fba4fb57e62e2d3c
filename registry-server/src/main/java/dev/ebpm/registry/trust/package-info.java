/**
 * Trust: the hub's own signing key ({@link HubKey}, kept in a file or a secret, never in a table), the
 * publisher keys admins register and revoke ({@link KeyRegistry}), the checks a pushed signature or bundle
 * passes before it is stored ({@link AttachmentRules}), the build provenance the hub signs for what its
 * workers compiled ({@link ProvenanceService}), and what a version's signatures say ({@link SignatureService}).
 */
package dev.ebpm.registry.trust;
