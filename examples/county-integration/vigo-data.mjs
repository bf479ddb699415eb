// Contracts as a county system might get them from Vigo: Norwegian field names, contact data as
// typed in by the company or training office, flaws included. All persons and numbers are invented.
export const vigoContracts = [
  {
    kontraktId: 'LK-2026-000101',
    fylke: 'Telemark',
    kontraktstype: 'lærekontrakt',
    oppstartsdato: '2026-09-01',
    opplaeringskontor: { orgnr: '974760673', navn: 'Opplæringskontoret for Bilfag' },
    laerling: { navn: 'Ola Nordmann', fodselsnummer: '14050750028', mobil: '+47 912 34 567' },
    fagligLeder: { navn: 'Kari Fagleder', epost: 'kari.fagleder@bilverksted.no' },
    dagligLeder: { navn: 'Per Daglig', epost: 'per.daglig@bilverksted.no' },
  },
  {
    kontraktId: 'LK-2026-000102',
    fylke: 'Telemark',
    kontraktstype: 'lærekontrakt',
    oppstartsdato: '2026-09-01',
    opplaeringskontor: { orgnr: '974760673', navn: 'Opplæringskontoret for Bilfag' },
    laerling: { navn: 'Nora Lie', fodselsnummer: '03090850260', mobil: '2212345' },
    fagligLeder: { navn: 'Jonas Dahl', epost: 'post@dekkservice.no' },
    dagligLeder: null,
  },
];

const role = { laerling: 'laerling', kandidat: 'kandidat' };

/** Vigo's record as a RegisterContract command's input (plain JSON, decoded and checked by fagsign). */
export const registrationFrom = (vigo) => ({
  type: 'RegisterContract',
  contractId: vigo.kontraktId,
  county: vigo.fylke,
  contractType: vigo.kontraktstype === 'lærekontrakt' ? 'laerekontrakt' : 'opplaeringskontrakt',
  startDate: vigo.oppstartsdato,
  office: { orgNumber: vigo.opplaeringskontor.orgnr, name: vigo.opplaeringskontor.navn, kind: 'opplaeringskontor' },
  parties: [
    { role: vigo.kontraktstype === 'lærekontrakt' ? role.laerling : role.kandidat, name: vigo.laerling.navn, personalId: vigo.laerling.fodselsnummer, mobile: vigo.laerling.mobil },
    vigo.fagligLeder && { role: 'faglig-leder', name: vigo.fagligLeder.navn, email: vigo.fagligLeder.epost },
    vigo.dagligLeder && { role: 'daglig-leder', name: vigo.dagligLeder.navn, email: vigo.dagligLeder.epost },
  ].filter(Boolean),
});
