declare module 'virtual:lessons' {
  import type { LessonContent } from '../lessons/format.ts';
  export const lessons: LessonContent[];
}
