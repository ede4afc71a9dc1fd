import { useTranslation } from 'react-i18next';
import type { AttachedVideo } from '../../../../../contracts/learning.js';

/**
 * "Watch" links to the videos attached to a lesson or a homework (the teacher's, or the live lesson's
 * recording once transcoded): plain links to the video module's watch page, so Today loads nothing of
 * the player (hls.js comes with the watch page).
 */
export function AttachedVideos({ videos }: { videos: AttachedVideo[] | undefined }) {
  const { t } = useTranslation('learning');
  if (!videos?.length) return null;
  return (
    <ul className="l-videos" aria-label={t('lesson.videos')}>
      {videos.map((v) => (
        <li key={v.id}>
          <a className="l-videos__watch" href={`/video/watch/${v.id}`}>
            ▶ {t('lesson.watchVideo', { title: v.title })}
          </a>
          {v.durationSeconds !== null && <span className="muted"> {Math.max(1, Math.round(v.durationSeconds / 60))}′</span>}
        </li>
      ))}
    </ul>
  );
}
