import type { PersonalDataContributor } from './privacy.contributor.js';
import { personalData as identity } from '../identity/identity.personal-data.js';
import { personalData as organisations } from '../organisations/organisations.personal-data.js';
import { personalData as learning } from '../learning/learning.personal-data.js';
import { personalData as files } from '../files/files.personal-data.js';
import { personalData as formats } from '../formats/formats.personal-data.js';
import { personalData as duty } from '../duty/duty.personal-data.js';
import { personalData as notifications } from '../notifications/notifications.personal-data.js';
import { personalData as messages } from '../messages/messages.personal-data.js';
import { personalData as privacy } from './privacy.personal-data.js';
import { personalData as transfers } from '../transfers/transfers.personal-data.js';
import { personalData as supplies } from '../supplies/supplies.personal-data.js';
import { personalData as access } from '../access/access.personal-data.js';
import { personalData as video } from '../video/video.personal-data.js';
import { personalData as analytics } from '../analytics/analytics.personal-data.js';
import { personalData as training } from '../training/training.personal-data.js';
import { personalData as live } from '../live/live.personal-data.js';
import { personalData as quality } from '../quality/quality.personal-data.js';
import { personalData as connectivity } from '../connectivity/connectivity.personal-data.js';

/**
 * Every module's part of a person's data, in one visible list. A module that adds a table holding
 * person ids adds it to its contributor (or adds its contributor here); privacy.coverage.test.ts fails
 * until it does.
 */
export const CONTRIBUTORS: PersonalDataContributor[] = [
  identity,
  organisations,
  learning,
  files,
  formats,
  duty,
  notifications,
  privacy,
  transfers,
  messages,
  supplies,
  access,
  video,
  analytics,
  training,
  live,
  quality,
  connectivity,
];
