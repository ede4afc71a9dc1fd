import type { ShellStrings } from './kk.js';

/** Shell and shared strings, English. */
export const en: ShellStrings = {
  app: {
    name: 'Sabaq',
    tagline: 'Learning goes on through an epidemic',
    skipToContent: 'Skip to main content',
    mainNav: 'Main menu',
    breadcrumb: 'Breadcrumb',
    home: 'Home',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    language: 'Interface language',
    languageSaveFailed: 'Your language choice could not be saved.',
    loading: 'Loading…',
    offlineWaiting: 'You are offline. The page will load by itself when the connection is back.',
    offlineAsOf: 'Offline: showing what was saved as of {{time}}.',
    busyRetrying: 'The server is busy. Retrying in {{seconds}} s…',
    retry: 'Try again',
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no such page, or the link is wrong.',
    backHome: 'Back to the home page',
    footer: 'Sabaq — an open-source education platform',
  },
  pager: {
    label: 'Pages',
    previous: 'Previous',
    next: 'Next',
    status: 'Page {{page}} of {{pages}}',
  },
  errors: {
    generic: 'Something went wrong. Please try again in a moment.',
    network: {
      offline: 'The server cannot be reached. Check your internet connection and try again.',
      unexpected_response: 'The server sent a reply we could not read. Please try again in a moment.',
    },
    request: {
      invalid: 'Some of the data is not valid. Check it and try again.',
      malformed_json: 'The request arrived damaged. Reload the page and try again.',
      not_found: 'The page or record you asked for was not found.',
      forbidden: 'You are not allowed to do this.',
      too_large: 'What you sent is too large.',
      invalid_character: 'The text holds a character that is not allowed. Remove it and try again.',
      invalid_value: 'One of the values is out of range. Check it and try again.',
      header_too_large: 'The link is too long. Open the page again from the home page.',
    },
    server: {
      busy: 'The server is busy right now. Please try again in a minute.',
      unavailable: 'The server is unavailable for a moment. Please try again in a minute.',
    },
    internal: {
      error: 'Something failed on the server. Please try again in a moment.',
    },
  },
};
