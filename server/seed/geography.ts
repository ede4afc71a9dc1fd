import type { Names } from './organisation.js';

/**
 * Kazakhstan's 17 top-level units as of 2020 (14 regions and 3 cities of republican
 * significance), their time zones then (UTC+5 in the west, UTC+6 elsewhere — Asia/Almaty was
 * UTC+6 until 2024), centres and districts, and the school numbers of SEED-FACTS.md.
 */
export interface RegionDef {
  code: string;
  kind: 'region' | 'city';
  names: Names;
  timeZone: string;
  /** share of Kazakh names among people generated here (the rest Russian) */
  kazakhShare: number;
  /** the regional centre (a city administration with the status of a district) */
  centre: Names;
  districts: Names[];
  /** 2020-21 public day schools and pupils; `estimated` when SEED-FACTS gives no figure */
  schools: number;
  pupils: number;
  estimated?: boolean;
}

const d = (kk: string, ru: string, en: string): Names => ({
  kk: `${kk} ауданы`,
  ru: ru.startsWith('район') ? ru : `${ru} район`,
  en: `${en} District`,
});
const city = (kk: string, ru: string, en: string): Names => ({ kk: `${kk} қаласы`, ru: `город ${ru}`, en: `${en} City` });

export const REGIONS: RegionDef[] = [
  {
    code: 'akmola', kind: 'region', names: { kk: 'Ақмола облысы', ru: 'Акмолинская область', en: 'Akmola Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.55, centre: city('Көкшетау', 'Кокшетау', 'Kokshetau'), schools: 555, pupils: 132_000,
    districts: [d('Аршалы', 'Аршалынский', 'Arshaly'), d('Астрахан', 'Астраханский', 'Astrakhan'), d('Атбасар', 'Атбасарский', 'Atbasar'),
      d('Бурабай', 'Бурабайский', 'Burabay'), d('Ерейментау', 'Ерейментауский', 'Ereymentau'), d('Есіл', 'Есильский', 'Esil'),
      d('Жақсы', 'Жаксынский', 'Zhaksy'), d('Жарқайың', 'Жаркаинский', 'Zharkaiyn'), d('Зеренді', 'Зерендинский', 'Zerendi'),
      d('Қорғалжын', 'Коргалжынский', 'Korgalzhyn'), d('Сандықтау', 'Сандыктауский', 'Sandyktau'), d('Целиноград', 'Целиноградский', 'Tselinograd'),
      d('Шортанды', 'Шортандинский', 'Shortandy'), d('Біржан сал', 'район Биржан сал', 'Birzhan Sal'), d('Егіндікөл', 'Егиндыкольский', 'Egindykol')],
  },
  {
    code: 'aktobe', kind: 'region', names: { kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe Region' },
    timeZone: 'Asia/Aqtobe', kazakhShare: 0.88, centre: city('Ақтөбе', 'Актобе', 'Aktobe'), schools: 402, pupils: 158_000,
    districts: [d('Алға', 'Алгинский', 'Alga'), d('Әйтеке би', 'Айтекебийский', 'Aiteke Bi'), d('Байғанин', 'Байганинский', 'Baiganin'),
      d('Қарғалы', 'Каргалинский', 'Kargaly'), d('Қобда', 'Хобдинский', 'Khobda'), d('Мәртөк', 'Мартукский', 'Martuk'),
      d('Мұғалжар', 'Мугалжарский', 'Mugalzhar'), d('Ойыл', 'Уилский', 'Oiyl'), d('Темір', 'Темирский', 'Temir'),
      d('Хромтау', 'Хромтауский', 'Khromtau'), d('Шалқар', 'Шалкарский', 'Shalkar'), d('Ырғыз', 'Иргизский', 'Irgiz')],
  },
  {
    code: 'almaty-region', kind: 'region', names: { kk: 'Алматы облысы', ru: 'Алматинская область', en: 'Almaty Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.72, centre: city('Талдықорған', 'Талдыкорган', 'Taldykorgan'), schools: 750, pupils: 383_000, estimated: true,
    districts: [d('Қарасай', 'Карасайский', 'Karasay'), d('Талғар', 'Талгарский', 'Talgar'), d('Еңбекшіқазақ', 'Енбекшиказахский', 'Enbekshikazakh'),
      d('Іле', 'Илийский', 'Ile'), d('Жамбыл', 'Жамбылский', 'Zhambyl'), d('Балқаш', 'Балхашский', 'Balkhash'),
      d('Райымбек', 'Райымбекский', 'Raiymbek'), d('Ұйғыр', 'Уйгурский', 'Uigur'), d('Кеген', 'Кегенский', 'Kegen'),
      d('Панфилов', 'Панфиловский', 'Panfilov'), d('Ескелді', 'Ескельдинский', 'Eskeldi'), d('Көксу', 'Коксуский', 'Koksu'),
      d('Кербұлақ', 'Кербулакский', 'Kerbulak'), d('Сарқан', 'Сарканский', 'Sarkand'), d('Ақсу', 'Аксуский', 'Aksu'),
      d('Алакөл', 'Алакольский', 'Alakol'), d('Қаратал', 'Каратальский', 'Karatal')],
  },
  {
    code: 'atyrau', kind: 'region', names: { kk: 'Атырау облысы', ru: 'Атырауская область', en: 'Atyrau Region' },
    timeZone: 'Asia/Atyrau', kazakhShare: 0.93, centre: city('Атырау', 'Атырау', 'Atyrau'), schools: 196, pupils: 131_900,
    districts: [d('Жылыой', 'Жылыойский', 'Zhylyoi'), d('Индер', 'Индерский', 'Inder'), d('Исатай', 'Исатайский', 'Isatai'),
      d('Құрманғазы', 'Курмангазинский', 'Kurmangazy'), d('Қызылқоға', 'Кызылкогинский', 'Kyzylkoga'), d('Мақат', 'Макатский', 'Makat'),
      d('Махамбет', 'Махамбетский', 'Makhambet')],
  },
  {
    code: 'east-kazakhstan', kind: 'region', names: { kk: 'Шығыс Қазақстан облысы', ru: 'Восточно-Казахстанская область', en: 'East Kazakhstan Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.6, centre: city('Өскемен', 'Усть-Каменогорск', 'Oskemen'), schools: 646, pupils: 189_255,
    districts: [d('Аягөз', 'Аягозский', 'Ayagoz'), d('Бесқарағай', 'Бескарагайский', 'Beskaragai'), d('Бородулиха', 'Бородулихинский', 'Borodulikha'),
      d('Глубокое', 'Глубоковский', 'Glubokoye'), d('Жарма', 'Жарминский', 'Zharma'), d('Зайсан', 'Зайсанский', 'Zaisan'),
      d('Катонқарағай', 'Катон-Карагайский', 'Katonkaragai'), d('Көкпекті', 'Кокпектинский', 'Kokpekty'), d('Күршім', 'Курчумский', 'Kurchum'),
      d('Тарбағатай', 'Тарбагатайский', 'Tarbagatai'), d('Ұлан', 'Уланский', 'Ulan'), d('Үржар', 'Урджарский', 'Urzhar'),
      d('Шемонаиха', 'Шемонаихинский', 'Shemonaikha')],
  },
  {
    code: 'zhambyl', kind: 'region', names: { kk: 'Жамбыл облысы', ru: 'Жамбылская область', en: 'Zhambyl Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.78, centre: city('Тараз', 'Тараз', 'Taraz'), schools: 470, pupils: 230_000, estimated: true,
    districts: [d('Байзақ', 'Байзакский', 'Baizak'), d('Жамбыл', 'Жамбылский', 'Zhambyl'), d('Жуалы', 'Жуалынский', 'Zhualy'),
      d('Қордай', 'Кордайский', 'Korday'), d('Тұрар Рысқұлов', 'район Турара Рыскулова', 'Turar Ryskulov'), d('Меркі', 'Меркенский', 'Merki'),
      d('Мойынқұм', 'Мойынкумский', 'Moiynkum'), d('Сарысу', 'Сарысуский', 'Sarysu'), d('Талас', 'Таласский', 'Talas'), d('Шу', 'Шуский', 'Shu')],
  },
  {
    code: 'west-kazakhstan', kind: 'region', names: { kk: 'Батыс Қазақстан облысы', ru: 'Западно-Казахстанская область', en: 'West Kazakhstan Region' },
    timeZone: 'Asia/Oral', kazakhShare: 0.8, centre: city('Орал', 'Уральск', 'Oral'), schools: 380, pupils: 106_000,
    districts: [d('Ақжайық', 'Акжаикский', 'Akzhaik'), d('Бөрлі', 'Бурлинский', 'Burli'), d('Жаңақала', 'Жангалинский', 'Zhangala'),
      d('Жәнібек', 'Жанибекский', 'Zhanibek'), d('Бәйтерек', 'Байтерекский', 'Baiterek'), d('Қазталов', 'Казталовский', 'Kaztalov'),
      d('Қаратөбе', 'Каратобинский', 'Karatobe'), d('Сырым', 'Сырымский', 'Syrym'), d('Тасқала', 'Таскалинский', 'Taskala'),
      d('Теректі', 'Теректинский', 'Terekti'), d('Шыңғырлау', 'Чингирлауский', 'Shyngyrlau'), d('Бөкей ордасы', 'Бокейординский', 'Bokey Orda')],
  },
  {
    code: 'karaganda', kind: 'region', names: { kk: 'Қарағанды облысы', ru: 'Карагандинская область', en: 'Karaganda Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.5, centre: city('Қарағанды', 'Караганда', 'Karaganda'), schools: 500, pupils: 196_000, estimated: true,
    districts: [d('Бұқар жырау', 'Бухар-Жырауский', 'Bukhar-Zhyrau'), d('Абай', 'Абайский', 'Abay'), d('Ақтоғай', 'Актогайский', 'Aktogay'),
      d('Жаңаарқа', 'Жанааркинский', 'Zhanaarka'), d('Қарқаралы', 'Каркаралинский', 'Karkaraly'), d('Нұра', 'Нуринский', 'Nura'),
      d('Осакаров', 'Осакаровский', 'Osakarov'), d('Шет', 'Шетский', 'Shet'), d('Ұлытау', 'Улытауский', 'Ulytau')],
  },
  {
    code: 'kostanay', kind: 'region', names: { kk: 'Қостанай облысы', ru: 'Костанайская область', en: 'Kostanay Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.42, centre: city('Қостанай', 'Костанай', 'Kostanay'), schools: 490, pupils: 108_600,
    districts: [d('Алтынсарин', 'Алтынсаринский', 'Altynsarin'), d('Амангелді', 'Амангельдинский', 'Amangeldy'), d('Әулиекөл', 'Аулиекольский', 'Auliekol'),
      d('Денисов', 'Денисовский', 'Denisov'), d('Жангелдин', 'Джангельдинский', 'Zhangeldin'), d('Жітіқара', 'Житикаринский', 'Zhitikara'),
      d('Қамысты', 'Камыстинский', 'Kamysty'), d('Қарабалық', 'Карабалыкский', 'Karabalyk'), d('Қарасу', 'Карасуский', 'Karasu'),
      d('Қостанай', 'Костанайский', 'Kostanay'), d('Меңдіқара', 'Мендыкаринский', 'Mendykara'), d('Наурызым', 'Наурзумский', 'Nauryzym'),
      d('Сарыкөл', 'Сарыкольский', 'Sarykol'), d('Бейімбет Майлин', 'район Беимбета Майлина', 'Beimbet Mailin'), d('Ұзынкөл', 'Узункольский', 'Uzunkol'),
      d('Федоров', 'Федоровский', 'Fedorov')],
  },
  {
    code: 'kyzylorda', kind: 'region', names: { kk: 'Қызылорда облысы', ru: 'Кызылординская область', en: 'Kyzylorda Region' },
    timeZone: 'Asia/Qyzylorda', kazakhShare: 0.96, centre: city('Қызылорда', 'Кызылорда', 'Kyzylorda'), schools: 293, pupils: 168_000,
    districts: [d('Арал', 'Аральский', 'Aral'), d('Жалағаш', 'Жалагашский', 'Zhalagash'), d('Жаңақорған', 'Жанакорганский', 'Zhanakorgan'),
      d('Қазалы', 'Казалинский', 'Kazaly'), d('Қармақшы', 'Кармакшинский', 'Karmakshy'), d('Сырдария', 'Сырдарьинский', 'Syrdarya'),
      d('Шиелі', 'Шиелийский', 'Shieli')],
  },
  {
    code: 'mangystau', kind: 'region', names: { kk: 'Маңғыстау облысы', ru: 'Мангистауская область', en: 'Mangystau Region' },
    timeZone: 'Asia/Aqtau', kazakhShare: 0.92, centre: city('Ақтау', 'Актау', 'Aktau'), schools: 141, pupils: 160_630,
    districts: [d('Бейнеу', 'Бейнеуский', 'Beineu'), d('Қарақия', 'Каракиянский', 'Karakiya'), d('Маңғыстау', 'Мангистауский', 'Mangystau'),
      d('Мұнайлы', 'Мунайлинский', 'Munaily'), d('Түпқараған', 'Тупкараганский', 'Tupkaragan')],
  },
  {
    code: 'north-kazakhstan', kind: 'region', names: { kk: 'Солтүстік Қазақстан облысы', ru: 'Северо-Казахстанская область', en: 'North Kazakhstan Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.38, centre: city('Петропавл', 'Петропавловск', 'Petropavl'), schools: 477, pupils: 75_000,
    districts: [d('Айыртау', 'Айыртауский', 'Aiyrtau'), d('Ақжар', 'Акжарский', 'Akzhar'), d('Аққайың', 'Аккайынский', 'Akkaiyn'),
      d('Есіл', 'Есильский', 'Esil'), d('Жамбыл', 'Жамбылский', 'Zhambyl'), d('Қызылжар', 'Кызылжарский', 'Kyzylzhar'),
      d('Мағжан Жұмабаев', 'район Магжана Жумабаева', 'Magzhan Zhumabayev'), d('Мамлют', 'Мамлютский', 'Mamlyut'),
      d('Тайынша', 'Тайыншинский', 'Taiynsha'), d('Тимирязев', 'Тимирязевский', 'Timiryazev'), d('Уәлиханов', 'Уалихановский', 'Ualikhanov'),
      d('Шал ақын', 'район Шал акына', 'Shal Akyn'), d('Ғабит Мүсірепов', 'район Габита Мусрепова', 'Gabit Musrepov')],
  },
  {
    code: 'pavlodar', kind: 'region', names: { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.52, centre: city('Павлодар', 'Павлодар', 'Pavlodar'), schools: 356, pupils: 111_888,
    districts: [d('Ақтоғай', 'Актогайский', 'Aktogay'), d('Баянауыл', 'Баянаульский', 'Bayanaul'), d('Железин', 'Железинский', 'Zhelezin'),
      d('Ертіс', 'Иртышский', 'Irtysh'), d('Тереңкөл', 'Теренкольский', 'Terenkol'), d('Аққулы', 'Аккулинский', 'Akkuly'),
      d('Май', 'Майский', 'May'), d('Павлодар', 'Павлодарский', 'Pavlodar'), d('Успен', 'Успенский', 'Uspen'), d('Шарбақты', 'Щербактинский', 'Sharbakty')],
  },
  {
    code: 'turkistan', kind: 'region', names: { kk: 'Түркістан облысы', ru: 'Туркестанская область', en: 'Turkistan Region' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.85, centre: city('Түркістан', 'Туркестан', 'Turkistan'), schools: 1_070, pupils: 575_000, estimated: true,
    districts: [d('Бәйдібек', 'Байдибекский', 'Baidibek'), d('Қазығұрт', 'Казыгуртский', 'Kazygurt'), d('Мақтаарал', 'Мактааральский', 'Maktaaral'),
      d('Ордабасы', 'Ордабасинский', 'Ordabasy'), d('Отырар', 'Отырарский', 'Otyrar'), d('Сайрам', 'Сайрамский', 'Sairam'),
      d('Сарыағаш', 'Сарыагашский', 'Saryagash'), d('Созақ', 'Сузакский', 'Sozak'), d('Төлеби', 'Толебийский', 'Tolebi'),
      d('Түлкібас', 'Тюлькубасский', 'Tulkibas'), d('Шардара', 'Шардаринский', 'Shardara'), d('Келес', 'Келесский', 'Keles'),
      d('Жетісай', 'Жетысайский', 'Zhetysai')],
  },
  {
    code: 'nur-sultan', kind: 'city', names: { kk: 'Нұр-Сұлтан қаласы', ru: 'город Нур-Султан', en: 'Nur-Sultan City' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.8, centre: city('Нұр-Сұлтан', 'Нур-Султан', 'Nur-Sultan'), schools: 92, pupils: 205_000, estimated: true,
    districts: [d('Алматы', 'район Алматы', 'Almaty'), d('Байқоңыр', 'район Байконыр', 'Baikonyr'), d('Есіл', 'район Есиль', 'Esil'),
      d('Сарыарқа', 'район Сарыарка', 'Saryarka')],
  },
  {
    code: 'almaty-city', kind: 'city', names: { kk: 'Алматы қаласы', ru: 'город Алматы', en: 'Almaty City' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.62, centre: city('Алматы', 'Алматы', 'Almaty'), schools: 205, pupils: 261_000,
    districts: [d('Алатау', 'Алатауский', 'Alatau'), d('Алмалы', 'Алмалинский', 'Almaly'), d('Әуезов', 'Ауэзовский', 'Auezov'),
      d('Бостандық', 'Бостандыкский', 'Bostandyk'), d('Жетісу', 'Жетысуский', 'Zhetysu'), d('Медеу', 'Медеуский', 'Medeu'),
      d('Наурызбай', 'Наурызбайский', 'Nauryzbay'), d('Түрксіб', 'Турксибский', 'Turksib')],
  },
  {
    code: 'shymkent', kind: 'city', names: { kk: 'Шымкент қаласы', ru: 'город Шымкент', en: 'Shymkent City' },
    timeZone: 'Asia/Almaty', kazakhShare: 0.7, centre: city('Шымкент', 'Шымкент', 'Shymkent'), schools: 172, pupils: 222_000,
    districts: [d('Абай', 'Абайский', 'Abay'), d('Әл-Фараби', 'Аль-Фарабийский', 'Al-Farabi'), d('Еңбекші', 'Енбекшинский', 'Enbekshi'),
      d('Қаратау', 'Каратауский', 'Karatau')],
  },
];

export function regionByCode(code: string): RegionDef {
  const r = REGIONS.find((x) => x.code === code);
  if (!r) throw new Error(`Unknown region ${code}`);
  return r;
}
