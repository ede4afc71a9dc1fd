/**
 * The type of a translation made from the Kazakh table: the same keys, any text, and — wherever
 * Kazakh has a plural (`x_one` + `x_other`) — room for Russian's two more forms (`x_few`, `x_many`).
 * i18next picks the form by `count` (Intl.PluralRules); `web/src/i18n.test.ts` checks that each
 * language has all of its forms.
 */
type PluralBase<K> = K extends `${infer B}_one` ? B : never;

export type Translation<T> = T extends string
  ? string
  : {
      [K in keyof T]: Translation<T[K]>;
    } & {
      [K in PluralBase<keyof T & string> as `${K}_few` | `${K}_many`]?: string;
    };
