import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** Live pages, each its own download (WebRTC code is fetched only by those who open a room). */
const RoomPage = lazyRouteComponent(() => import('./RoomPage.js'));
const MeetingsPage = lazyRouteComponent(() => import('./MeetingsPage.js'));
const BroadcastsPage = lazyRouteComponent(() => import('./BroadcastsPage.js'));
const BroadcastPage = lazyRouteComponent(() => import('./BroadcastPage.js'));

const toId = (value: unknown): number => {
  const s = String(value ?? '');
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : 0;
};

/** The routes under the signed-in layout given as `parent`. */
export function liveRoutes<TParent extends AnyRoute>(parent: TParent) {
  const room = createRoute({
    getParentRoute: () => parent,
    path: '/live/rooms/$roomId',
    params: {
      parse: (raw: { roomId: string }) => ({ roomId: toId(raw.roomId) }),
      stringify: (p: { roomId: number }) => ({ roomId: String(p.roomId) }),
    },
    component: function LiveRoomRoute() {
      const { roomId } = room.useParams() as { roomId: number };
      return <RoomPage roomId={roomId} />;
    },
  });
  const meetings = createRoute({
    getParentRoute: () => parent,
    path: '/live/meetings',
    component: function MeetingsRoute() {
      return <MeetingsPage />;
    },
  });
  const broadcasts = createRoute({
    getParentRoute: () => parent,
    path: '/live/broadcasts',
    component: function BroadcastsRoute() {
      return <BroadcastsPage />;
    },
  });
  const broadcast = createRoute({
    getParentRoute: () => parent,
    path: '/live/broadcasts/$broadcastId',
    params: {
      parse: (raw: { broadcastId: string }) => ({ broadcastId: toId(raw.broadcastId) }),
      stringify: (p: { broadcastId: number }) => ({ broadcastId: String(p.broadcastId) }),
    },
    component: function BroadcastRoute() {
      const { broadcastId } = broadcast.useParams() as { broadcastId: number };
      return <BroadcastPage broadcastId={broadcastId} />;
    },
  });
  return [room, meetings, broadcasts, broadcast] as const;
}
