import { ruleSetBody, type RuleSetBody, type RuleSetBodyInput } from '../../../contracts/formats.js';

/**
 * The rule set the ministry starts from (v1), written from SEED-FACTS (Kazakhstan 2020-21). Every
 * number in it is a value an officer edits in the rule editor, not a constant in code.
 */
export const DEFAULT_RULE_SET_INPUT: RuleSetBodyInput = {
  name: 'Ministry rules for the 2020-2021 school year',
  unknownSituation: 'red',
  specialtyGroups: {
    // the seed stores the group code itself in classes.specialty; keywords catch free-text specialties
    pedagogical: ['pedagog', 'педагог', 'teacher', 'учител', 'мұғалім', 'дошкольн'],
    it: ['informat', 'информат', 'программ', 'programm', 'software', 'computer', 'вычислит', 'ақпараттық'],
    social: ['social', 'социал', 'әлеуметтік', 'econom', 'эконом', 'accounting', 'учёт', 'бухгалт'],
    humanitarian: ['humanit', 'гуманит', 'law', 'юрисп', 'правовед', 'translat', 'перевод', 'tourism', 'туризм'],
    technical: ['technic', 'техни', 'weld', 'свар', 'electr', 'электр', 'mechan', 'механ', 'construct', 'строит', 'нефт', 'oil', 'mining', 'горн', 'vehicle', 'автомоб'],
    agricultural: ['agri', 'агро', 'сельскохоз', 'veterin', 'ветерин', 'ауыл шаруашылығы'],
    medical: ['medic', 'медиц', 'nurs', 'сестрин', 'мейірбике', 'pharm', 'фармац', 'dental', 'стомат', 'лечебн', 'акушер'],
    art: ['искусств', 'music', 'музык', 'design', 'дизайн', 'dance', 'хореограф', 'өнер', 'painting', 'живопис'],
  },
  rules: [
    {
      id: '1', title: 'Small rural schools stay regular while their area is favourable',
      when: { kinds: ['school'], settlement: 'rural', maxPupils: 180, situation: ['green'] },
      then: { format: 'regular' },
    },
    {
      id: '2', title: 'Small rural colleges stay regular while their area is favourable',
      when: { kinds: ['college'], settlement: 'rural', maxPupils: 200, situation: ['green'] },
      then: { format: 'regular' },
    },
    {
      id: '3', title: 'Duty classes for grades 1-4 on the parents\' application',
      when: { level: 'class', kinds: ['school'], grades: [1, 2, 3, 4] },
      then: { format: 'duty', subgroupMax: 15 },
    },
    {
      id: '4', title: 'Technical, agricultural, medical and art groups: lectures online, labs and practice on site',
      when: { level: 'class', kinds: ['college'], specialtyGroups: ['technical', 'agricultural', 'medical', 'art'] },
      then: { format: 'combined', onSite: ['lab', 'practice'], subgroupMax: 15 },
    },
    {
      id: '5', title: 'Pedagogical, IT, social and humanitarian groups: fully remote',
      when: { level: 'class', kinds: ['college'], specialtyGroups: ['pedagogical', 'it', 'social', 'humanitarian'] },
      then: { format: 'distance' },
    },
    {
      id: '6', title: 'A college as a whole: combined, by specialty group',
      when: { level: 'organisation', kinds: ['college'] },
      then: { format: 'combined', onSite: ['lab', 'practice'], subgroupMax: 15 },
    },
    {
      id: '7', title: 'Universities: lectures and seminars online, labs and practice on campus',
      when: { kinds: ['university'] },
      then: { format: 'combined', onSite: ['lab', 'practice'] },
    },
    {
      id: '8', title: 'Kindergartens: duty groups on the parents\' application',
      when: { kinds: ['kindergarten'] },
      then: { format: 'duty', subgroupMax: 15 },
    },
    {
      id: '9', title: 'Additional education: clubs in small groups',
      when: { kinds: ['additional'] },
      then: { format: 'duty', subgroupMax: 5 },
    },
  ],
  default: { format: 'distance' },
};

export const DEFAULT_RULE_SET: RuleSetBody = ruleSetBody.parse(DEFAULT_RULE_SET_INPUT);
