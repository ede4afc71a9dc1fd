import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { joinLesson, type DiaryLesson } from '../api.js';
import { LearningError } from '../errors.js';
import { zonedTime } from '../time.js';

type Delivery = DiaryLesson['delivery'];

/**
 * How to take part in a lesson: the Join button of a live lesson, the TV channel and air time, the
 * recording's link, or "in class" with the room.
 */
export function DeliveryInfo({
  lessonId,
  delivery,
  joinable,
  room,
  timeZone,
  cancelled,
}: {
  lessonId: number;
  delivery: Delivery;
  joinable: boolean;
  room: string | null;
  timeZone: string;
  cancelled: boolean;
}) {
  const { t } = useTranslation('learning');
  if (cancelled) return null;
  switch (delivery.kind) {
    case 'online_live':
      return joinable ? <JoinButton lessonId={lessonId} timeZone={timeZone} /> : <p className="l-how">{t('delivery.online_live')}</p>;
    case 'tv':
      if (delivery.tvSlot) {
        const slot = delivery.tvSlot;
        return (
          <p className="l-how">
            {t('delivery.tvSlotAt', { channel: slot.channelName, time: zonedTime(slot.startsAt, slot.timeZone) })}
            {slot.videoId !== null && (
              <>
                {', '}
                <a href={`/video/watch/${slot.videoId}`}>{t('delivery.orWatch')}</a>
              </>
            )}
          </p>
        );
      }
      return (
        <p className="l-how">
          {delivery.tvChannel
            ? t('delivery.tvWhere', { channel: t(`channels.${delivery.tvChannel}`), time: delivery.tvAirAt ? zonedTime(delivery.tvAirAt, timeZone) : '—' })
            : t('delivery.tv')}
        </p>
      );
    case 'recorded':
      return delivery.videoUrl ? (
        <p className="l-how">
          <a className="button button--secondary" href={delivery.videoUrl} target="_blank" rel="noopener noreferrer">
            {t('delivery.watch')}
          </a>
        </p>
      ) : (
        <p className="l-how">{t('delivery.recorded')}</p>
      );
    default:
      return <p className="l-how">{room ? t('delivery.inRoom', { room }) : t('delivery.inPerson')}</p>;
  }
}

/**
 * Joins a live lesson: the POST records the pupil present online and answers with the link, which
 * opens in a new tab. The tab is opened at the click (a popup blocker allows it then, not after
 * the request) and sent to the link when it arrives; the link is also shown, for when it did not open.
 */
export function JoinButton({ lessonId, timeZone }: { lessonId: number; timeZone: string }) {
  const { t } = useTranslation('learning');
  const [url, setUrl] = useState<string | null>(null);
  const join = useMutation({ mutationFn: () => joinLesson(lessonId) });
  const click = () => {
    let tab: Window | null = null;
    try {
      tab = window.open('about:blank', '_blank');
      if (tab) tab.opener = null;
    } catch {
      tab = null;
    }
    join.mutate(undefined, {
      onSuccess: (r) => {
        setUrl(r.url);
        if (tab && !tab.closed) tab.location.href = r.url;
      },
      onError: () => tab?.close(),
    });
  };
  return (
    <div className="l-join">
      <button type="button" className="button" onClick={click} disabled={join.isPending}>
        {join.isPending ? t('delivery.joining') : t('delivery.join')}
      </button>
      {url && (
        <p role="status" className="l-join__done">
          {join.data?.attendance === 'late' ? t('delivery.joinedLate') : join.data?.attendance ? t('delivery.joined') : null}{' '}
          <a href={url} target="_blank" rel="noopener noreferrer">
            {t('delivery.openLink')}
          </a>
        </p>
      )}
      {join.isError && <LearningError error={join.error} timeZone={timeZone} />}
    </div>
  );
}
