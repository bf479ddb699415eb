// A county's configuration for Posten signering: the JSON fields, plus the parts that are code.
// Secrets are never here: the certificate's passphrase and the signer key come from the
// environment variables named below (set them in the systemd unit's EnvironmentFile).
import { readFile } from 'node:fs/promises';
import { county } from './county-ports.mjs'; // your own module: document system, SMS/e-mail, archive, Vigo

export default {
  store: 'postgres://fagsign@db.internal/fagsign',
  provider: {
    kind: 'posten',
    baseUrl: 'https://api.signering.posten.no/api',
    sender: '974760673', // the county's organisation number
    certificate: {
      // As Buypass/Commfides deliver it; or keyFile + certFile (PEM key, chain with the certificate first).
      // The one certificate authenticates the TLS connection and signs the document bundle.
      pkcs12File: '/etc/fagsign/virksomhetssertifikat.p12',
      passphraseEnv: 'FAGSIGN_CERT_PASSPHRASE',
      // Posten's roots, which fagsign does not ship: Buypass Class 3 Root CA G2 ST and HT
      // (https://www.buypass.no/sikkerhet/buypass-rotsertifikater) and Commfides', in one PEM file.
      caFile: '/etc/fagsign/posten-roots.pem',
      serverOrganizationNumber: '984661185', // Posten Norge AS
    },
    signerKeyEnv: 'FAGSIGN_SIGNER_KEY',
  },
  policy: {
    default: { validityDays: 14, reminderDaysBeforeDeadline: 1 },
    // What the county sets for every job at Posten: BankID-level log-in, no fødselsnummer in the
    // archived PDF, no SMS at night (the job waits for the end of quietHours).
    counties: { Telemark: { requiredAuthentication: 4, identifierInSignedDocuments: 'date-of-birth-and-name', activation: 'after-quiet-hours' } },
  },
  http: { host: '127.0.0.1', port: 9464 },
  log: { level: 'info', format: 'json' },

  // (contract, order) => the contract PDF from the county's document system
  documents: (contract) => readFile(`/var/lib/fagsign/pdf/${contract.contractId}.pdf`),
  notifier: county.notifier, // { sendReminder(message) }: SMS to the apprentice, e-mail to the leaders
  archive: county.archive, // { storeSignedContract(document) } => { reference }
  vigo: county.vigo, // { reportSigned(report) }
};
