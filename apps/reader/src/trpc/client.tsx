'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import superjson from 'superjson';

import type { ReaderRouter } from '@lede/api';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<ReaderRouter>();

function createQueryClient() {
  // Feed pages log impressions: never refetch one behind the reader's back.
  return new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 } } });
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<ReaderRouter>({
      // The server refuses batches over LEDE_TRPC_MAX_BATCH (10 by default).
      links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: 10 })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
