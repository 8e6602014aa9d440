import { generateKeyPairSync } from 'node:crypto';
import { RegionMap } from '../cache/region-map';
import type { Tx } from '../db/client';
import { lazy } from '../lazy';
import { documentSigningKey } from './schema';

// @signpdf and node-forge load on the first signature, not at start-up (lazy.ts).
const loadForge = lazy(() => import('node-forge').then((m) => m.default));
const loadSignPdf = lazy(async () => {
  const [placeholder, p12, signpdf] = await Promise.all([
    import('@signpdf/placeholder-plain'),
    import('@signpdf/signer-p12'),
    import('@signpdf/signpdf'),
  ]);
  return {
    plainAddPlaceholder: placeholder.plainAddPlaceholder,
    P12Signer: p12.P12Signer,
    signer: new signpdf.SignPdf(),
  };
});

/** What a signature provider needs: the PDF and who signs it, for what. */
export type SignRequest = {
  tx: Tx;
  regionId: string;
  regionName: string;
  pdf: Buffer;
  signerName: string;
  reason: string;
  location: string;
};

/**
 * Signs a PDF. The built-in adapter (`regionKeySigner`) signs with the region's own key, so the
 * flow is complete with no outside service; a certified provider (BSrE's electronic signature in
 * production) implements the same interface and is passed to the module instead.
 */
export interface SignatureAdapter {
  readonly id: string;
  sign(req: SignRequest): Promise<Buffer>;
}

// region-safe: keyed by region id; a key never changes once made.
const keys = new RegionMap<Buffer>();

/** The region's PKCS#12 (key + self-issued certificate), made on first use and kept in the database. */
async function regionP12(tx: Tx, regionId: string, regionName: string): Promise<Buffer> {
  const hit = keys.get(regionId);
  if (hit) return hit;
  const [found] = await tx.select().from(documentSigningKey);
  if (found) {
    const p12 = Buffer.from(found.p12, 'base64');
    keys.set(regionId, '', p12);
    return p12;
  }
  // A key made here is not kept in memory: this transaction may still roll back, and its key must
  // not sign the next document while another process makes the region's real one.
  const made = await makeRegionKey(regionName);
  // Two processes may make one at once: the first insert wins, the other reads it.
  await tx
    .insert(documentSigningKey)
    .values({ regionId, ...made })
    .onConflictDoNothing();
  const [row] = await tx.select().from(documentSigningKey);
  if (!row) throw new Error('document_signing_key insert returned nothing');
  return Buffer.from(row.p12, 'base64');
}

/**
 * An RSA-2048 key (Node's own generator: milliseconds, where forge's JavaScript takes seconds) and a
 * ten-year self-issued certificate naming the region, bundled as PKCS#12 without a password: it
 * never leaves the database, which RLS keeps to the region.
 */
export async function makeRegionKey(regionName: string) {
  const forge = await loadForge();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const subject = [
    { name: 'commonName', value: `Pemerintah ${regionName}` },
    { name: 'organizationName', value: `Pemerintah ${regionName}` },
    { name: 'countryName', value: 'ID' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], '', { algorithm: '3des' });
  return {
    p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary').toString('base64'),
    certificatePem: forge.pki.certificateToPem(cert),
  };
}

/**
 * The built-in adapter: a PAdES-style detached CMS signature (adbe.pkcs7.detached, SHA-256) inside
 * the PDF, made with @signpdf and the region's key. PDF readers show who signed and that nothing
 * changed since; they call the certificate unknown until a certified provider signs instead.
 */
export const regionKeySigner: SignatureAdapter = {
  id: 'region-key',
  async sign({ tx, regionId, regionName, pdf, signerName, reason, location }) {
    const [p12, { plainAddPlaceholder, P12Signer, signer }] = await Promise.all([
      regionP12(tx, regionId, regionName),
      loadSignPdf(),
    ]);
    const prepared = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason,
      name: signerName,
      location,
      contactInfo: regionName,
      signatureLength: 8192,
    });
    return Buffer.from(await signer.sign(prepared, new P12Signer(p12)));
  },
};
