import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type AuditSigner, generateAuditKeyPem, signerFromPem } from "./audit-log.js";

/** Environment variable naming the audit signing key file (PEM, PKCS#8 Ed25519). */
export const AUDIT_KEY_ENV = "ENTENTE_AUDIT_KEY_FILE";

/** Where the audit key lives: $ENTENTE_AUDIT_KEY_FILE, else `<dataDir>/audit-key.pem`, else none. */
export function auditKeyPath(options: {
  dataDir?: string | undefined;
  file?: string | undefined;
}): string | undefined {
  return (
    options.file ||
    process.env[AUDIT_KEY_ENV] ||
    (options.dataDir ? join(options.dataDir, "audit-key.pem") : undefined)
  );
}

/**
 * The signer of the audit log's heads. The key is a file outside the database (mode 0600), created
 * on first use; whoever can change the database but cannot read this file cannot forge a head.
 * Without a file location the key is ephemeral (in-memory stores and tests).
 */
export function loadAuditSigner(options: {
  dataDir?: string | undefined;
  file?: string | undefined;
}): AuditSigner {
  const path = auditKeyPath(options);
  if (!path) return signerFromPem(generateAuditKeyPem());
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generateAuditKeyPem(), { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600);
  }
  return signerFromPem(readFileSync(path, "utf8"));
}
