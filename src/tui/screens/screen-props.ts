/** What the app gives every screen: its box, and whether it has the keys now. */
export interface ScreenProps {
  width: number;
  height: number;
  isActive: boolean;
}
