import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, writeCsv, writeXlsx, type Column } from '../../platform/export/index.js';
import type { Isolated, Register, WithoutReception } from '../../../contracts/connectivity.js';
import type { Language } from '../identity/identity.actor.js';

/**
 * The register's files: CSV and XLSX through the one formula-safe writer (platform/export). A
 * suppressed count is written as "…" (never as a number that could be taken for zero).
 */
type L = Record<Language, string>;
const W = {
  settlement: { kk: 'Елді мекен', ru: 'Населённый пункт', en: 'Settlement' },
  internet: { kk: 'Интернет', ru: 'Интернет', en: 'Internet' },
  mbps: { kk: 'Жылдамдық, Мбит/с', ru: 'Скорость, Мбит/с', en: 'Speed, Mbit/s' },
  measuredOn: { kk: 'Өлшенген күні', ru: 'Дата замера', en: 'Measured on' },
  tv: { kk: 'Телеарна', ru: 'Телеканал', en: 'TV channel' },
  yes: { kk: 'иә', ru: 'да', en: 'yes' },
  no: { kk: 'жоқ', ru: 'нет', en: 'no' },
  schools: { kk: 'Мектептер', ru: 'Школы', en: 'Schools' },
  pupils: { kk: 'Оқушылар', ru: 'Учащиеся', en: 'Pupils' },
  homeNone: { kk: 'Үйде интернет жоқ', ru: 'Без интернета дома', en: 'No home internet' },
  homeMobile: { kk: 'Тек мобильді', ru: 'Только мобильный', en: 'Mobile only' },
  homeFixed: { kk: 'Тұрақты', ru: 'Проводной', en: 'Fixed' },
  connectable: { kk: 'Қосуға болады', ru: 'Можно подключить', en: 'Connectable' },
  devNone: { kk: 'Құрылғы жоқ', ru: 'Нет устройства', en: 'No device' },
  devShared: { kk: 'Ортақ құрылғы', ru: 'Общее устройство', en: 'Shared device' },
  devOwn: { kk: 'Өз құрылғысы', ru: 'Своё устройство', en: 'Own device' },
  unanswered: { kk: 'Жауап жоқ', ru: 'Нет ответа', en: 'Not answered' },
  isolated: { kk: 'Құрылғысыз, интернетсіз, теледидарсыз', ru: 'Без устройства, интернета и ТВ', en: 'No device, no internet, no TV' },
  lastName: { kk: 'Тегі', ru: 'Фамилия', en: 'Last name' },
  firstName: { kk: 'Аты', ru: 'Имя', en: 'First name' },
  middleName: { kk: 'Әкесінің аты', ru: 'Отчество', en: 'Middle name' },
  klass: { kk: 'Сынып', ru: 'Класс', en: 'Class' },
  inPerson: { kk: 'Мектепте оқиды', ru: 'Учится очно', en: 'Learns in person' },
  district: { kk: 'Аудан', ru: 'Район', en: 'District' },
  missing: { kk: 'Қабылданбайтын арналар', ru: 'Не принимаются каналы', en: 'Channels not received' },
  register: { kk: 'Байланыс тізілімі', ru: 'Реестр связи', en: 'Connectivity register' },
  cutOff: { kk: 'Құрылғысыз, интернетсіз, теледидарсыз оқушылар', ru: 'Учащиеся без устройства, интернета и ТВ', en: 'Pupils with no device, internet or TV' },
  noReception: { kk: 'Телехабар қабылданбайтын елді мекендер', ru: 'Населённые пункты без приёма ТВ', en: 'Settlements without TV reception' },
  level: {
    none: { kk: 'жоқ', ru: 'нет', en: 'none' },
    slow: { kk: '4 Мбит/с-тан баяу', ru: 'медленный (< 4 Мбит/с)', en: 'slow (< 4 Mbit/s)' },
    broadband: { kk: 'жақсы', ru: 'хороший', en: 'good' },
  },
} satisfies Record<string, L | Record<string, L>>;

export const SUPPRESSED = '…';
export const CONTENT_TYPES = { csv: CSV_CONTENT_TYPE, xlsx: XLSX_CONTENT_TYPE } as const;
const n = (v: number | null) => v ?? SUPPRESSED;

export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n]+/g, ' ').slice(0, 120);

async function write<R>(columns: Column<R>[], rows: R[], format: 'csv' | 'xlsx', sheet: string): Promise<Buffer> {
  return format === 'csv' ? writeCsv(columns, rows) : writeXlsx(columns, rows, { sheetName: safeName(sheet).slice(0, 31) });
}

export async function registerFile(r: Register, lang: Language, format: 'csv' | 'xlsx') {
  type Row = Register['settlements'][number];
  const columns: Column<Row>[] = [
    { header: W.settlement[lang], value: (s) => s.name[lang], width: 30 },
    { header: W.internet[lang], value: (s) => W.level[s.internet][lang] },
    { header: W.mbps[lang], value: (s) => s.internetMbps },
    { header: W.measuredOn[lang], value: (s) => s.measuredOn },
    ...r.channels.map(
      (c): Column<Row> => ({
        header: `${W.tv[lang]}: ${c.name}`,
        value: (s) => (s.reception.find((x) => x.code === c.code)?.received ? W.yes[lang] : W.no[lang]),
      }),
    ),
    { header: W.schools[lang], value: (s) => s.schools },
    { header: W.pupils[lang], value: (s) => s.census.pupils },
    { header: W.homeNone[lang], value: (s) => n(s.census.internet.none) },
    { header: W.homeMobile[lang], value: (s) => n(s.census.internet.mobile) },
    { header: W.homeFixed[lang], value: (s) => n(s.census.internet.fixed) },
    { header: W.connectable[lang], value: (s) => n(s.census.connectable) },
    { header: W.devNone[lang], value: (s) => n(s.census.devices.none) },
    { header: W.devShared[lang], value: (s) => n(s.census.devices.shared) },
    { header: W.devOwn[lang], value: (s) => n(s.census.devices.own) },
    { header: W.unanswered[lang], value: (s) => n(s.census.internet.unanswered) },
    { header: W.isolated[lang], value: (s) => n(s.census.isolated) },
  ];
  const name = `${W.register[lang]} ${r.district.name[lang]}`;
  return { bytes: await write(columns, r.settlements, format, r.district.name[lang]), fileName: `${safeName(name)}.${format}` };
}

export async function isolatedFile(i: Isolated, lang: Language, format: 'csv' | 'xlsx') {
  type Row = Isolated['pupils'][number];
  const name = `${W.cutOff[lang]} ${i.organisation.name[lang]}`;
  if (i.named) {
    const columns: Column<Row>[] = [
      { header: W.lastName[lang], value: (p) => p.lastName, width: 20 },
      { header: W.firstName[lang], value: (p) => p.firstName, width: 20 },
      { header: W.middleName[lang], value: (p) => p.middleName, width: 20 },
      { header: W.klass[lang], value: (p) => p.className },
      { header: W.inPerson[lang], value: (p) => (p.inPerson ? W.yes[lang] : W.no[lang]) },
    ];
    return { bytes: await write(columns, i.pupils, format, i.organisation.name[lang]), fileName: `${safeName(name)}.${format}` };
  }
  const columns: Column<Isolated['summary']>[] = [
    { header: W.pupils[lang], value: (s) => s.pupils },
    { header: W.isolated[lang], value: (s) => n(s.isolated) },
    { header: W.inPerson[lang], value: (s) => n(s.isolatedInPerson) },
  ];
  return { bytes: await write(columns, [i.summary], format, i.organisation.name[lang]), fileName: `${safeName(name)}.${format}` };
}

export async function withoutReceptionFile(w: WithoutReception, lang: Language, format: 'csv' | 'xlsx') {
  type Row = { district: string; s: WithoutReception['districts'][number]['settlements'][number] };
  const names = new Map(w.channels.map((c) => [c.code, c.name]));
  const rows: Row[] = w.districts.flatMap((d) => d.settlements.map((s) => ({ district: d.district.name[lang], s })));
  const columns: Column<Row>[] = [
    { header: W.district[lang], value: (r) => r.district, width: 26 },
    { header: W.settlement[lang], value: (r) => r.s.name[lang], width: 30 },
    { header: W.missing[lang], value: (r) => r.s.missing.map((c) => names.get(c) ?? c).join(', '), width: 24 },
    { header: W.schools[lang], value: (r) => r.s.schools },
    { header: W.pupils[lang], value: (r) => r.s.pupils },
  ];
  return { bytes: await write(columns, rows, format, W.noReception[lang]), fileName: `${safeName(W.noReception[lang])}.${format}` };
}
