import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { createAppRouter } from './routes';
import { isApiError, setUnauthenticatedHandler } from './lib/api';
import { clearSession } from './lib/session';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Operators expect lists to reflect what just happened; refetch whenever a page opens.
        staleTime: 0,
        refetchOnWindowFocus: false,
        // A 4xx will not fix itself by asking again.
        retry: (failures, error) => !(isApiError(error) && error.status < 500) && failures < 2,
      },
    },
  });
}

export function App(): React.JSX.Element {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAppRouter);

  useEffect(() => {
    // Any 401 means the session is gone: forget it, and the route guard sends the user to /login.
    setUnauthenticatedHandler(() => clearSession(queryClient));
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
